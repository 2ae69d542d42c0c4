"""Benchmark 3 (GPU): decode throughput of the engine versus plain generate and the bandwidth ceiling.

A randomly initialised model with the real Qwen2.5-Coder-1.5B architecture
(random weights decode at the same speed as real ones) in bf16 on CUDA, a
fixed number of new tokens forced with min_new_tokens:
- the engine (TransformersBackend.complete) at batch 1 and at batch 32,
- plain one-prompt-at-a-time `model.generate`,
- the memory-bandwidth ceiling for batch 1: HBM bandwidth / weight bytes.
Prints medians of --runs runs. `--smoke` runs a tiny config on CPU so the
script itself is tested anywhere; its figures mean nothing.
Usage: python benchmarks/engine_gpu.py [--smoke] [--new-tokens 128] [--hbm-tbps 3.35] [--static]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reviewer.engine.base import Request  # noqa: E402
from reviewer.engine.local import TransformersBackend  # noqa: E402

# Qwen/Qwen2.5-Coder-1.5B-Instruct's config.json (architecture only).
QWEN_1_5B = dict(hidden_size=1536, intermediate_size=8960, num_hidden_layers=28, num_attention_heads=12,
                 num_key_value_heads=2, vocab_size=151936, max_position_embeddings=32768, rope_theta=1000000.0,
                 rms_norm_eps=1e-6, tie_word_embeddings=True)
TINY = dict(hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
            vocab_size=512, max_position_embeddings=4096, tie_word_embeddings=True)


def build(folder: Path, arch: dict, dtype: str) -> Path:
    """The tiny test tokenizer (token ids < 512 are valid in any vocabulary) + random weights of `arch`."""
    import torch
    from transformers import Qwen2Config, Qwen2ForCausalLM

    from tests.tiny_model import build as build_tiny

    build_tiny(folder)  # tokenizer, chat template (and tiny weights, replaced below)
    torch.manual_seed(0)
    config = Qwen2Config(**arch, eos_token_id=2, pad_token_id=0, bos_token_id=None)
    model = Qwen2ForCausalLM(config).to(getattr(torch, dtype))
    model.save_pretrained(folder)
    return folder


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    import torch

    if torch.cuda.is_available():
        torch.cuda.synchronize()
    start = time.perf_counter()
    fn()
    if torch.cuda.is_available():
        torch.cuda.synchronize()
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--smoke", action="store_true", help="tiny config on CPU (tests the script only)")
    ap.add_argument("--new-tokens", type=int, default=128)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--hbm-tbps", type=float, default=3.35, help="HBM bandwidth, TB/s (H100 SXM: 3.35)")
    ap.add_argument("--static", action="store_true", help="static KV cache (compiled decode) in the engine")
    args = ap.parse_args()
    import torch

    arch, device, dtype = (TINY, "cpu", "float32") if args.smoke else (QWEN_1_5B, "cuda", "bfloat16")
    if not args.smoke and not torch.cuda.is_available():
        sys.exit("no CUDA device: run on a GPU machine, or use --smoke to test the script on CPU")
    n = 8 if args.smoke else args.new_tokens
    with tempfile.TemporaryDirectory() as tmp:
        folder = build(Path(tmp) / "model", arch, dtype)
        engine = TransformersBackend(str(folder), device=device, dtype=dtype, batch_tokens=1 << 30)
        engine.generate_kwargs = {"min_new_tokens": n}
        if args.static:
            engine.generate_kwargs["cache_implementation"] = "static"
        model = engine.load()
        weight_bytes = sum(p.numel() * p.element_size() for p in model.parameters())
        prompts = [Request("You are a careful code reviewer.", f"Review change {i}: x = items[{i}]", max_new_tokens=n)
                   for i in range(args.batch)]
        engine.complete(prompts[:1])  # warm-up (and compilation with --static)
        engine.complete(prompts)
        b1 = [n / timed(lambda: engine.complete(prompts[:1])) for _ in range(args.runs)]
        bn = [args.batch * n / timed(lambda: engine.complete(prompts)) for _ in range(args.runs)]
        tok = engine.tokenizer()

        def plain() -> None:
            for r in prompts[:4]:
                ids = tok(engine.render(r.system, r.user), return_tensors="pt").to(device)
                model.generate(**ids, max_new_tokens=n, min_new_tokens=n, do_sample=False, pad_token_id=0)

        plain_rate = [4 * n / timed(plain) for _ in range(args.runs)]
        ceiling = args.hbm_tbps * 1e12 / weight_bytes
        name = torch.cuda.get_device_name() if device == "cuda" else "CPU (smoke)"
        print(f"device={name} arch={'Qwen2.5-Coder-1.5B' if not args.smoke else 'tiny'} dtype={dtype} "
              f"weights={weight_bytes / 1e9:.2f} GB new_tokens={n} static={args.static}")
        print(f"engine batch 1:          {statistics.median(b1):9.1f} tok/s")
        print(f"engine batch {args.batch}:        {statistics.median(bn):9.1f} tok/s (aggregate)")
        print(f"plain generate, 1 by 1:  {statistics.median(plain_rate):9.1f} tok/s")
        print(f"bandwidth ceiling (b=1): {ceiling:9.1f} tok/s ({args.hbm_tbps} TB/s / weight bytes)")
        print(f"batch 1 / ceiling:       {statistics.median(b1) / ceiling:9.1%}")
        print(f"batch {args.batch} / plain:        {statistics.median(bn) / statistics.median(plain_rate):9.1f}x")


if __name__ == "__main__":
    main()
