"""The `transformers` backend: a Hugging Face model in this process.

torch, transformers and xgrammar are imported only when a model is used.
The model is found (cheap: a config file) when the backend is built, and
loaded on the first request, so a run whose answers all come from the
result cache never loads it.

Generation is batched (left padding and an attention mask; requests sorted
by length; each batch under `batch_tokens` prompt+new tokens) and, when a
request has a schema, constrained by xgrammar's logits processor, so the
answer is valid JSON for that schema. The schemas are bounded, so a
generation that ran out of `max_new_tokens` is retried once with a budget
that provably suffices (schema.max_json_bytes): every answer parses. A
request with a wall-clock cap (`Request.max_seconds`, transformers'
`max_time`; test proposals) is not retried: an answer cut by its tokens or
its time is reported as unfinished instead of running for minutes.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import socket
import threading
import urllib.parse
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

from reviewer.engine import schema as schemamod
from reviewer.engine.base import Completion, Request, YesNo
from reviewer.engine.progress import stage
from reviewer.errors import BackendError

YES_WORDS = ("yes", "Yes", "YES", " yes", " Yes")
NO_WORDS = ("no", "No", "NO", " no", " No")


def _offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on")


def _looks_like_path(ref: str) -> bool:
    # Hub ids are "name" or "org/name"; anything else (or anything that exists) is a folder.
    return ref.startswith((".", "/", "~")) or ref.count("/") > 1 or "\\" in ref or Path(ref).expanduser().exists()


def resolve(ref: str, revision: Optional[str]) -> tuple[str, str]:
    """Find the model without loading it: (location to load from, revision identity).

    A local folder needs a config.json; a hub id must be in the Hugging Face
    cache or, unless HF_HUB_OFFLINE is set, downloadable. Otherwise one line
    saying where we looked and how to supply a model.
    """
    if _looks_like_path(ref):
        folder = Path(ref).expanduser().resolve()
        config = folder / "config.json"
        if not config.is_file():
            raise BackendError(f"model not found: no config.json in {folder}; pass --model PATH to a model folder "
                               "(or a Hugging Face id), or set [tool.reviewer.model] model")
        return str(folder), _folder_identity(folder)
    try:
        from huggingface_hub import constants, hf_hub_download
    except ImportError:  # pragma: no cover - huggingface_hub comes with transformers
        raise BackendError("model review needs transformers: install 'reviewer[local]'") from None
    offline = _offline()
    unreachable = None if offline else _hub_unreachable(constants.ENDPOINT)
    try:
        found = hf_hub_download(ref, "config.json", revision=revision, local_files_only=offline or bool(unreachable))
    except Exception as exc:  # noqa: BLE001 - hub errors are many types; all mean "not available"
        where = f"the Hugging Face cache ({constants.HF_HUB_CACHE})"
        if offline:
            why = "HF_HUB_OFFLINE is set, so nothing is downloaded"
        elif unreachable:
            why = unreachable
        else:
            why = f"downloading failed: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        raise BackendError(f"model {ref!r} not found in {where}; {why}; pass --model PATH to a local model "
                           "folder, or download it once with `huggingface-cli download " + ref + "`") from None
    snapshot = Path(found).parent
    # The snapshot folder is named after the commit: the exact revision in use. Without the Hub, load
    # from that folder, so that transformers does not ask the Hub for newer files (and retry) either.
    return (str(snapshot) if offline or unreachable else ref), snapshot.name


PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy")


def _hub_unreachable(endpoint: str, timeout: float = 3.0) -> Optional[str]:
    """Why the Hub cannot be reached now (one line), or None: one TCP connection, no retries.

    Without this, a runner with no network spends about 20 s in huggingface_hub's retries before it
    says the model is not there. Behind a proxy the direct connection says nothing, so it is not tried.
    """
    if any(os.environ.get(v) for v in PROXY_VARIABLES):
        return None
    parts = urllib.parse.urlsplit(endpoint)
    host = parts.hostname
    if not host:
        return None
    outcome: list[Optional[str]] = []

    def probe() -> None:
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
            socket.create_connection((host, port), timeout=timeout).close()
            outcome.append(None)
        except (OSError, ValueError) as exc:
            outcome.append(getattr(exc, "strerror", None) or str(exc) or type(exc).__name__)

    # The name lookup has no timeout of its own (a resolver that does not answer takes its own time):
    # wait for the probe at most `timeout`, in a thread that is left behind if it hangs.
    worker = threading.Thread(target=probe, name="reviewer-hub-probe", daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        return f"{host} did not answer within {timeout:g} s, so nothing is downloaded"
    return None if outcome[0] is None else f"{host} cannot be reached ({outcome[0]}), so nothing is downloaded"


def _folder_identity(folder: Path) -> str:
    """A revision for a local folder: its config plus the names, sizes and times of its weights."""
    h = hashlib.sha256((folder / "config.json").read_bytes())
    for p in sorted(folder.iterdir()):
        if p.suffix in (".safetensors", ".bin", ".json", ".model"):
            st = p.stat()
            h.update(f"{p.name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


SMALL_MODEL_PARAMS = 50_000_000


def _cpu_threads(torch: Any, device: str, model: Any) -> None:
    """One intra-op thread for a small model on the CPU (unless OMP_NUM_THREADS says otherwise).

    Its matrices are too small to split: threads only synchronise, and on a busy machine (CI runners,
    several hooks at once) each synchronisation waits for a time slice. Measured with the tests' tiny
    model on a loaded 2-core machine: 256 tokens for 3 answers took 33 s with 2 threads, 1 s with 1.
    """
    if device != "cpu" or os.environ.get("OMP_NUM_THREADS"):
        return
    try:
        params = sum(p.numel() for p in model.parameters())
    except (AttributeError, TypeError):
        return
    if params < SMALL_MODEL_PARAMS:
        torch.set_num_threads(1)


def plan_batches(lengths: Sequence[int], new_tokens: Sequence[int], budget: int) -> list[list[int]]:
    """Group request indexes into batches: sorted by length, each under `budget` padded tokens."""
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], i))
    batches: list[list[int]] = []
    current: list[int] = []
    widest = 0
    for i in order:
        width = max(widest, lengths[i] + new_tokens[i])
        if current and width * (len(current) + 1) > budget:
            batches.append(current)
            current, width = [], lengths[i] + new_tokens[i]
        current.append(i)
        widest = width
    if current:
        batches.append(current)
    return batches


class TransformersBackend:
    """In-process Hugging Face model; see the module docstring."""

    name = "transformers"
    leaves_machine = False

    def __init__(self, model: str, revision: Optional[str] = None, device: str = "auto", dtype: str = "auto",
                 batch_tokens: int = 16384, temperature: float = 0.0, seed: int = 0,
                 status: Callable[[str], None] = lambda _m: None) -> None:
        self.model_id = model
        self.location, self.revision = resolve(model, revision)
        self.device_pref, self.dtype_pref = device, dtype
        self.batch_tokens = batch_tokens
        self.temperature, self.seed = temperature, seed
        self.status = status
        # Extra generate() arguments (benchmarks: min_new_tokens to force a length,
        # cache_implementation="static" on a GPU); part of the cache identity.
        self.generate_kwargs: dict[str, Any] = {}
        self.calls = 0  # generate() and forward passes run: the "model calls" of the benchmarks
        self.device: Optional[str] = None
        self.dtype: Optional[str] = None
        self._tok: Any = None
        self._counter: Any = None
        self._model: Any = None
        self._compiler: Any = None
        self._grammars: dict[str, Any] = {}
        self._stop_ids: list[int] = []

    # --- identity (result cache) -----------------------------------------------------------

    def cache_identity(self) -> str:
        return f"transformers:{self.model_id}@{self.revision}"

    def decoding(self) -> dict[str, Any]:
        return {"temperature": self.temperature, "seed": self.seed if self.temperature > 0 else None,
                "device": self.device_pref, "dtype": self.dtype_pref, "grammar": "xgrammar-json-compact",
                "generate": sorted(self.generate_kwargs.items())}

    # --- loading ---------------------------------------------------------------------------

    def tokenizer(self) -> Any:
        if self._tok is None:
            from transformers import AutoTokenizer
            from transformers.utils import logging as hf_logging

            hf_logging.set_verbosity_error()  # type: ignore[no-untyped-call]
            hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
            tok = AutoTokenizer.from_pretrained(self.location, local_files_only=_offline())
            tok.padding_side = "left"  # generation continues from the right end of every row
            if tok.pad_token_id is None:
                tok.pad_token = tok.eos_token
            self._tok = tok
        return self._tok

    def count_tokens(self, text: str) -> int:
        """Prompt tokens of `text`. Uses the light `tokenizers` library when the folder has a
        tokenizer.json (always, so budgets and hence cache keys never depend on what was loaded
        first), and a run answered from the cache never imports torch or transformers."""
        counter = self._light_counter()
        if counter is not None:
            return len(counter.encode(text, add_special_tokens=False).ids)
        return len(self.tokenizer()(text, add_special_tokens=False)["input_ids"])

    def _light_counter(self) -> Any:
        if self._counter is None:
            path = Path(self.location) / "tokenizer.json"
            try:
                from tokenizers import Tokenizer

                self._counter = Tokenizer.from_file(str(path)) if path.is_file() else False
            except Exception:  # noqa: BLE001 - any problem: count with the full tokenizer instead
                self._counter = False
        return self._counter or None

    def load(self) -> Any:
        """Load the weights (once). Raises BackendError with one line on failure."""
        if self._model is not None:
            return self._model
        import torch
        from transformers import AutoModelForCausalLM

        device, dtype = self._pick_device(torch)
        tok = self.tokenizer()
        with stage(self.status, f"model: loading {self.model_id} on {device} ({dtype})"):
            try:
                model: Any = AutoModelForCausalLM.from_pretrained(
                    self.location, dtype=getattr(torch, dtype), attn_implementation="sdpa",
                    local_files_only=_offline())
            except (OSError, ValueError) as exc:
                raise BackendError(f"cannot load model {self.model_id} from {self.location}: "
                                   f"{str(exc).splitlines()[0]}") from None
            model.to(device)
            model.eval()
        _cpu_threads(torch, device, model)
        self.device, self.dtype, self._model = device, dtype, model
        stops = {tok.eos_token_id}
        gen_eos = model.generation_config.eos_token_id
        stops.update(gen_eos if isinstance(gen_eos, list) else [gen_eos])
        for special in ("<|im_end|>", "<|endoftext|>", "<|eot_id|>"):
            tid = tok.convert_tokens_to_ids(special)
            if isinstance(tid, int) and tid != tok.unk_token_id and tid >= 0:
                stops.add(tid)
        self._stop_ids = sorted(t for t in stops if isinstance(t, int))
        return model

    def _pick_device(self, torch: Any) -> tuple[str, str]:
        device = self.device_pref
        if device == "auto":
            device = "cuda" if torch.cuda.is_available() else "cpu"
        if device.startswith("cuda") and not torch.cuda.is_available():
            raise BackendError(f"device {device!r} requested but CUDA is not available; use --device cpu")
        dtype = self.dtype_pref
        if dtype == "auto":
            if device.startswith("cuda"):
                dtype = "bfloat16" if torch.cuda.is_bf16_supported() else "float16"
            else:
                dtype = "float32"  # CPU half precision is slow and lossy
        if not isinstance(getattr(torch, dtype, None), torch.dtype):
            raise BackendError(f"unknown dtype {dtype!r}; use auto, float32, bfloat16 or float16")
        return device, dtype

    # --- prompts ---------------------------------------------------------------------------

    def render(self, system: str, user: str) -> str:
        """The model's chat template applied to one exchange, ready for the answer."""
        tok = self.tokenizer()
        messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        if getattr(tok, "chat_template", None):
            return str(tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=True))
        return f"{system}\n\n{user}\n\nAnswer:\n"  # base models without a template

    def _grammar(self, schema: Any) -> Any:
        import xgrammar as xgr

        key = json.dumps(schema, sort_keys=True)
        if key not in self._grammars:
            if self._compiler is None:
                info = xgr.TokenizerInfo.from_huggingface(self.tokenizer(), vocab_size=self._model.config.vocab_size,
                                                          stop_token_ids=self._stop_ids)
                self._compiler = xgr.GrammarCompiler(info)
            # No free whitespace: keeps answers short and their length bounded.
            self._grammars[key] = self._compiler.compile_json_schema(key, any_whitespace=False)
        return self._grammars[key]

    # --- generation ------------------------------------------------------------------------

    def complete(self, requests: Sequence[Request]) -> list[Completion]:
        if not requests:
            return []
        self.load()
        texts = [self.render(r.system, r.user) for r in requests]
        lengths = [self.count_tokens(t) for t in texts]
        out: list[Optional[Completion]] = [None] * len(requests)
        # Constrained and free requests go in separate batches (a grammar covers every row).
        for constrained in (True, False):
            idx = [i for i, r in enumerate(requests) if (r.schema is not None) == constrained]
            if not idx:
                continue
            batches = plan_batches([lengths[i] for i in idx], [requests[i].max_new_tokens for i in idx],
                                   self.batch_tokens)
            label = f"model: generating {len(idx)} answer(s) in {len(batches)} batch(es)"
            with stage(self.status, label, total=len(idx)) as progress:
                for batch in batches:
                    rows = [idx[j] for j in batch]
                    for i, comp in zip(rows, self._generate([texts[i] for i in rows], [requests[i] for i in rows])):
                        out[i] = comp
                    progress.step(len(rows))
        retry = [i for i, c in enumerate(out) if c is not None and c.meta.get("truncated")]
        for i in retry:
            out[i] = self._retry(texts[i], requests[i], out[i])
        return [c for c in out if c is not None]

    def _generate(self, texts: list[str], requests: list[Request], max_new: Optional[int] = None) -> list[Completion]:
        import torch

        tok, model = self.tokenizer(), self._model
        enc = tok(texts, return_tensors="pt", padding=True, add_special_tokens=False).to(self.device)
        budget = max_new or max(r.max_new_tokens for r in requests)
        kwargs: dict[str, Any] = {
            "max_new_tokens": budget, "pad_token_id": tok.pad_token_id, "eos_token_id": self._stop_ids,
            # The model's own sampling defaults (Qwen ships temperature 0.7, top_k 20, ...) are
            # overridden: answers must be reproducible for the cache.
            "do_sample": self.temperature > 0, "repetition_penalty": 1.0, "top_k": None, "top_p": None,
            "temperature": self.temperature if self.temperature > 0 else None,
        }
        kwargs.update(self.generate_kwargs)
        caps = [r.max_seconds for r in requests if r.max_seconds]
        if caps:
            kwargs["max_time"] = min(caps)
        if requests[0].schema is not None:
            from xgrammar.contrib.hf import LogitsProcessor

            # Stateful: a new processor for every generate call; compiled grammars are cached.
            kwargs["logits_processor"] = [LogitsProcessor([self._grammar(r.schema) for r in requests])]
        if self.temperature > 0:
            torch.manual_seed(self.seed)
        import time

        started = time.monotonic()
        with torch.inference_mode():
            seqs = model.generate(**enc, **kwargs)
        self.calls += 1
        out_of_time = bool(caps) and time.monotonic() - started >= min(caps)
        prompt_len = enc["input_ids"].shape[1]
        result = []
        for row, req in enumerate(requests):
            gen = seqs[row, prompt_len:].tolist()
            stop = next((k for k, t in enumerate(gen) if t in self._stop_ids), None)
            used = gen if stop is None else gen[:stop]
            text = tok.decode(used, skip_special_tokens=True)
            meta: dict[str, Any] = {"batch": len(requests)}
            error = None
            if req.schema is not None:
                value, why = schemamod.parse(text, req.schema)
                if why is None:
                    text = schemamod.canonical(value)
                elif stop is None and out_of_time and len(gen) < budget:
                    error = f"answer did not finish within {min(caps):g} s (wall-clock cap)"
                elif stop is None:
                    meta["truncated"] = True
                    error = f"answer did not finish within {budget} new tokens"
                else:
                    error = f"answer does not match the schema: {why}"
            result.append(Completion(text=text if error is None else "", error=error, meta=meta,
                                     input_tokens=int(enc["attention_mask"][row].sum()), output_tokens=len(used)))
        return result

    def _retry(self, text: str, request: Request, first: Optional[Completion]) -> Optional[Completion]:
        bound = schemamod.max_json_bytes(request.schema or {})
        if bound is None or bound + 1 <= request.max_new_tokens:
            return first
        if request.max_seconds:
            # The caller bounded this request's time (a test module: its provable bound is 36,000 tokens,
            # minutes of a rambling model's output). The answer stays unfinished, and says so.
            return first
        # Each byte-level token carries at least one byte: bound + 1 tokens always finish.
        return self._generate([text], [request], max_new=bound + 1)[0]

    # --- verification ----------------------------------------------------------------------

    def next_token_logits(self, texts: Sequence[str]) -> Any:
        """Logits of the next token after each rendered prompt, as one float32 CPU tensor [n, vocab]."""
        import torch

        model, tok = self.load(), self.tokenizer()
        lengths = [self.count_tokens(t) for t in texts]
        rows: list[Any] = [None] * len(texts)
        for batch in plan_batches(lengths, [1] * len(texts), self.batch_tokens):
            enc = tok([texts[i] for i in batch], return_tensors="pt", padding=True,
                      add_special_tokens=False).to(self.device)
            # Left padding: positions must start at 0 at each row's first real token.
            positions = (enc["attention_mask"].cumsum(-1) - 1).clamp(min=0)
            with torch.inference_mode():
                logits = model(**enc, position_ids=positions, logits_to_keep=1).logits[:, -1, :]
            self.calls += 1
            for i, row in zip(batch, logits.float().cpu()):
                rows[i] = row
        return torch.stack(rows)

    def _word_ids(self, words: Sequence[str]) -> list[int]:
        # Only spellings that are one token: the first piece of "YES" may be "Y", which is not an answer.
        tok = self.tokenizer()
        encoded = [tok.encode(w, add_special_tokens=False) for w in words]
        return sorted({ids[0] for ids in encoded if len(ids) == 1})

    def confidence(self, questions: Sequence[YesNo]) -> list[float]:
        """P(yes) versus P(no) from the first answer token's logits: one batched forward pass."""
        if not questions:
            return []
        import torch

        self.load()
        yes, no = self._word_ids(YES_WORDS), self._word_ids(NO_WORDS)
        no = [t for t in no if t not in yes]
        if not yes or not no:
            raise BackendError(f"model {self.model_id}: no single-token 'yes'/'no' in its vocabulary; "
                               "confidence cannot be computed")
        with stage(self.status, f"model: verifying {len(questions)} finding(s)"):
            logits = self.next_token_logits([self.render(q.system, q.user)
                                             for q in questions])
        ly = torch.logsumexp(logits[:, yes], dim=-1)
        ln = torch.logsumexp(logits[:, no], dim=-1)
        return [float(p) for p in torch.sigmoid(ly - ln)]

    def yes_no_logprobs(self, system: str, user: str) -> tuple[float, float]:
        """log P(yes) and log P(no) of the first answer token, read directly (every single-token spelling),
        whatever else the model would rank above them: `reviewer serve` answers a yes/no choice with these."""
        import torch

        yes, no = self._word_ids(YES_WORDS), self._word_ids(NO_WORDS)
        no = [t for t in no if t not in yes]
        if not yes or not no:
            raise BackendError(f"model {self.model_id}: no single-token 'yes'/'no' in its vocabulary")
        logp = torch.log_softmax(self.next_token_logits([self.render(system, user)])[0], dim=-1)
        return float(torch.logsumexp(logp[yes], dim=-1)), float(torch.logsumexp(logp[no], dim=-1))

    def top_logprobs(self, system: str, user: str, k: int) -> list[tuple[int, str, float]]:
        """The k most likely next tokens with log-probabilities (for `reviewer serve`'s logprobs)."""
        import torch

        logits = self.next_token_logits([self.render(system, user)])[0]
        logp = torch.log_softmax(logits, dim=-1)
        values, ids = torch.topk(logp, min(k, logp.shape[-1]))
        tok = self.tokenizer()
        return [(int(i), tok.decode([int(i)]), float(v)) for v, i in zip(values, ids) if math.isfinite(float(v))]
