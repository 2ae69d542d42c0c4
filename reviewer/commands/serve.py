"""`reviewer serve`: keep a model loaded and serve it on 127.0.0.1."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Optional

import click

from reviewer.errors import UsageError


@click.command(name="serve")
@click.option("--model", "model", metavar="ID|PATH", default=None, help="Hugging Face model id or local folder.")
@click.option("--revision", default=None, help="Hub revision to pin.")
@click.option("--device", default=None, help="auto, cpu, cuda, cuda:1, mps.")
@click.option("--dtype", default=None, help="auto, float32, bfloat16, float16.")
@click.option("--port", type=int, default=8765, show_default=True, help="Port on 127.0.0.1; 0 picks a free one.")
@click.option("--url-file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the server's URL to this file once it is listening (for scripts).")
@click.option("-C", "--repo", "repo", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Read configuration as if started in this folder.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Configuration file (default: .reviewer.toml or [tool.reviewer] in pyproject.toml).")
def command(model: Optional[str], revision: Optional[str], device: Optional[str], dtype: Optional[str], port: int,
            url_file: Optional[Path], repo: Optional[Path], config_path: Optional[Path]) -> None:
    """Keep a model loaded and answer OpenAI-compatible requests on 127.0.0.1.

    \b
    Clients (hooks, `reviewer review`) use it when REVIEWER_SERVER or
    [tool.reviewer.model] server points at the printed URL:
      reviewer serve --port 8765 &
      REVIEWER_SERVER=http://127.0.0.1:8765 pre-commit run
    Stop it with Ctrl-C.
    """
    from reviewer.cli import load_config, status_printer
    from reviewer.engine.local import TransformersBackend
    from reviewer.serve import make_server

    if not 0 <= port <= 65535:
        raise UsageError(f"--port must be between 0 and 65535, not {port}")
    cfg, _start = load_config(repo, config_path, model__model=model, model__revision=revision,
                              model__device=device, model__dtype=dtype)
    status = status_printer()
    m = cfg.model
    backend = TransformersBackend(m.model, revision=m.revision, device=m.device, dtype=m.dtype,
                                  batch_tokens=m.batch_tokens, temperature=m.temperature, seed=m.seed, status=status)
    backend.load()
    try:
        server = make_server(backend, port)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(f"port {port} on 127.0.0.1 is in use; pick another with --port (0: any free port)") from None
        raise
    url = f"http://127.0.0.1:{server.server_address[1]}"
    status(f"reviewer serve: {backend.model_id} on {url} ({backend.device}, {backend.dtype}); "
           f"use it with REVIEWER_SERVER={url}; Ctrl-C stops it")
    if url_file is not None:
        url_file.write_text(url + "\n", encoding="utf-8")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        status("reviewer serve: stopped")
    finally:
        server.server_close()
