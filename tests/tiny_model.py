"""A tiny random-weight Qwen2 model, built on the spot (no downloads).

Same architecture family as the default model (Qwen2: RMSNorm, rotary
embeddings, grouped-query attention), two layers and a small hidden size, a
byte-level BPE tokenizer trained here with the `tokenizers` library, and a
ChatML chat template like Qwen's. Its output is noise, which is the point:
constrained decoding must still turn noise into schema-valid JSON.

Used by the `tiny_model_path` session fixture (tests/conftest.py) and by the
benchmarks; `python tests/tiny_model.py FOLDER` builds one by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path

CHATML = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)

SPECIAL = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
# Qwen2's pre-tokenizer split (transformers' tokenization_qwen2), so the saved tokenizer.json
# tokenizes exactly like the Qwen2Tokenizer transformers builds from it.
QWEN_SPLIT = r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"""

# Text the tokenizer learns its merges from: code, JSON, and the words the
# engine's prompts use, so that "yes" and "no" are single tokens as in real vocabularies.
_CORPUS = [
    "def mean(values):\n    return sum(values) / len(values)\n",
    "for i in range(len(items) - 1):\n    print(items[i + 1])\n",
    "import hashlib\nhashlib.md5(data).hexdigest()\n",
    'class Stats:\n    """Summary statistics."""\n\n    def __init__(self, values: list[int]) -> None:\n',
    '{"findings": [{"rule": "off-by-one/range-len", "line": 12, "message": "loop skips the last item"}]}',
    '{"findings": []}',
    "Answer yes or no. yes no Yes No yes no yes no",
    "Is this a real violation of the rule at line 7? Answer yes or no.",
    "You review a code change against rules. Report only violations in the changed lines.",
    "Rule python-crypto/weak-hash: MD5 and SHA-1 are not safe for security.",
    "0123456789 [] {} () : , . - _ \" ' = + * / < > ! ? # @",
]


def build(folder: Path, *, layers: int = 2, hidden: int = 64, vocab: int = 512, seed: int = 0) -> Path:
    """Build and save the tiny model and its tokenizer into `folder`; returns `folder`."""
    import torch
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast, Qwen2Config, Qwen2ForCausalLM

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)

    tok = Tokenizer(models.BPE())
    tok.normalizer = normalizers.NFC()
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(QWEN_SPLIT), behavior="isolated", invert=False),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
    ])
    tok.decoder = decoders.ByteLevel()
    tok.post_processor = processors.ByteLevel(trim_offsets=False)
    trainer = trainers.BpeTrainer(
        vocab_size=vocab,
        special_tokens=SPECIAL,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),  # every byte encodable
        show_progress=False,
    )
    tok.train_from_iterator(_CORPUS * 20, trainer=trainer)
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok,
        eos_token="<|im_end|>",
        pad_token="<|endoftext|>",
        additional_special_tokens=["<|im_start|>"],
    )
    fast.chat_template = CHATML
    fast.save_pretrained(folder)

    torch.manual_seed(seed)
    config = Qwen2Config(
        vocab_size=len(fast),
        hidden_size=hidden,
        intermediate_size=hidden * 2,
        num_hidden_layers=layers,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=8192,
        tie_word_embeddings=True,
        bos_token_id=None,
        eos_token_id=fast.convert_tokens_to_ids("<|im_end|>"),
        pad_token_id=fast.convert_tokens_to_ids("<|endoftext|>"),
    )
    model = Qwen2ForCausalLM(config)
    model.generation_config.eos_token_id = config.eos_token_id
    model.generation_config.pad_token_id = config.pad_token_id
    model.save_pretrained(folder)
    return folder


if __name__ == "__main__":  # pragma: no cover - manual use
    print(build(Path(sys.argv[1] if len(sys.argv) > 1 else "tiny-model")))
