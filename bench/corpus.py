"""Benchmark inputs built from the ECB+ news documents (../shared/corpus/ecbplus)."""
from __future__ import annotations

import json
from pathlib import Path

ECBPLUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ecbplus" / \
    "ecbplus_docs.jsonl"

# Tokenised ECB+ text has spaces before punctuation; undoing the commonest keeps
# the benchmark text close to ordinary news prose.
_DETOK = (("`` ", '"'), (" ''", '"'), (" ,", ","), (" .", "."), (" 's", "'s"),
          (" n't", "n't"), (" :", ":"), (" ;", ";"), ("( ", "("), (" )", ")"), (" ?", "?"))


def ecbplus_texts(path: Path = ECBPLUS) -> list[tuple[str, str]]:
    """(name, text) of every ECB+ document."""
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            sentences = [doc["sentences"][k] for k in sorted(doc["sentences"], key=int)]
            text = " ".join(sentences)
            for a, b in _DETOK:
                text = text.replace(a, b)
            out.append((doc["doc"], text))
    return out


def variant(text: str, k: int) -> str:
    """A distinct document per k (its own doc_id) with the same kind of content."""
    return text if k == 0 else f"Update {k}: {text}"


def write_raw(folder: Path, copies: int, texts: list[tuple[str, str]] | None = None,
              limit: int | None = None) -> tuple[int, int]:
    """JSONL files of `copies` variants of the corpus; returns (documents, bytes of text)."""
    texts = texts or ecbplus_texts()
    folder.mkdir(parents=True, exist_ok=True)
    n = size = 0
    for k in range(copies):
        with (folder / f"ecbplus_{k:04d}.jsonl").open("w", encoding="utf-8") as f:
            for name, text in texts:
                if limit is not None and n >= limit:
                    return n, size
                t = variant(text, k)
                f.write(json.dumps({"id": f"{name}#{k}", "text": t}) + "\n")
                n += 1
                size += len(t.encode("utf-8"))
    return n, size
