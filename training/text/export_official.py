#!/usr/bin/env python3
"""Turns the seed's official text model, HyukII/text-emotion-model (klue/roberta-base fine-tuned on
six Korean emotions), into a Haru text model pack.

Run it on a machine with internet access (Haru never reaches a model hub itself):

    python3 -m venv .venv && . .venv/bin/activate
    pip install torch transformers "optimum[onnxruntime]" onnx onnxruntime
    python3 training/text/export_official.py --out klue-roberta-emotion-official

then install the folder it writes into Haru: Settings -> Text emotion model -> "Install a model
pack from a folder" (models.installText checks it again, runs a trial analysis and copies it to
<data dir>/models/klue-roberta-emotion-official/), or copy the folder into <data dir>/models/
yourself. Choose it in Settings for each profile that should use it.

What it does, refusing (exit 1, nothing written) whenever a check fails:
  1. downloads the model and its tokenizer with transformers (the tokenizer from the model repo,
     or klue/roberta-base when the repo has none) and checks the tokenizer against a known KLUE
     encoding;
  2. reads the model's id2label and puts its six logits in OFFICIAL_TEXT_LABELS order: the
     classifier's output rows are permuted when the hub order differs; labels it cannot name
     (e.g. LABEL_0..LABEL_5) are refused unless --label-order says what each index means;
  3. exports ONNX with optimum (or torch.onnx.export with --exporter torch): inputs input_ids and
     attention_mask (int64, dynamic batch and sequence) -> logits, opset >= 14;
  4. compares ONNX Runtime with PyTorch on Korean sentences, batched and one by one, and refuses a
     maximum absolute logit difference above 1e-4;
  5. writes the pack: model.onnx, tokenizer/tokenizer.json + tokenizer_config.json, manifest.json
     (src/shared/models/manifest.ts: kind text, the labels, the seed's canonical matrix, SHA-256
     and size of model.onnx, licence and provenance) and MODEL_CARD.md.

The label order, canonical matrix and tokenizer check below mirror src/shared/text/official-model.ts;
tests/unit/text/export-official.test.ts fails if they ever differ. Nothing here is imported at module
level beyond the standard library, so that test can load this file without torch.
"""
import argparse
import hashlib
import json
import os
import shutil
import sys
import tempfile

# --- Mirrored from src/shared/text/official-model.ts (checked by tests/unit/text/export-official.test.ts) ---
OFFICIAL_TEXT_LABELS = ["기쁨", "당황", "분노", "불안", "상처", "슬픔"]

# Rows: ANGRY, SAD, DISGUST, HAPPY, FEAR, SURPRISE, NEUTRAL; columns: OFFICIAL_TEXT_LABELS.
OFFICIAL_TEXT_CANONICAL_MATRIX = [
    [0, 0, 1, 0, 0.2, 0],
    [0, 0, 0, 0, 0.6, 1],
    [0, 0, 0, 0, 0.2, 0],
    [1, 0, 0, 0, 0, 0],
    [0, 0.3, 0, 0.8, 0, 0],
    [0, 0.7, 0, 0.2, 0, 0],
    [0, 0, 0, 0, 0, 0]
]

KLUE_TOKENIZER_CHECK_TEXT = "토크나이저는 텍스트를 토큰 단위로 나눈다"
KLUE_TOKENIZER_CHECK_IDS = [0, 9157, 7461, 2190, 2259, 8509, 2138, 1793, 2855, 5385, 2200, 20950, 2]

PACK_ID = "klue-roberta-emotion-official"
PACK_NAME = "KLUE RoBERTa-base emotion classifier (official seed model)"
PACK_DESCRIPTION = "Six AIHub-style emotions; an ONNX export of RobertaForSequenceClassification."
# --- end of mirrored constants ---

DEFAULT_MODEL = "HyukII/text-emotion-model"
FALLBACK_TOKENIZER = "klue/roberta-base"
MIN_OPSET = 14
MAX_ABS_DIFF = 1e-4
MAX_LENGTH = 256
INPUT_NAMES = ["input_ids", "attention_mask"]
ALLOWED_INPUTS = {"input_ids", "attention_mask", "token_type_ids"}
TOKENIZER_FILES = ["tokenizer.json", "tokenizer_config.json"]

# English names a hub config may use for the six labels.
LABEL_ALIASES = {
    "joy": "기쁨", "happy": "기쁨", "happiness": "기쁨",
    "embarrassment": "당황", "embarrassed": "당황", "panic": "당황", "confusion": "당황",
    "anger": "분노", "angry": "분노",
    "anxiety": "불안", "anxious": "불안", "fear": "불안",
    "hurt": "상처", "heartache": "상처", "wound": "상처",
    "sadness": "슬픔", "sad": "슬픔",
}

VERIFY_SENTENCES = [
    "오늘은 친구들과 바다에 가서 정말 행복했다.",
    "갑자기 발표를 하라고 해서 너무 당황스러웠어요.",
    "약속을 세 번이나 어기다니 진짜 화가 난다!",
    "내일 면접인데 잘할 수 있을지 걱정돼서 잠이 안 온다.",
    "믿었던 사람에게 그런 말을 들으니 마음이 아팠다.",
    "할머니가 보고 싶어서 하루 종일 울었다.",
    "그냥 밥 먹고 잤다.",
    "퇴근길에 비가 많이 와서 우산을 샀는데, 집에 도착하자마자 비가 그쳐서 허탈하기도 하고 웃기기도 했다. 그래도 오랜만에 동생이랑 통화해서 기분이 조금 나아졌다.",
]


class ExportError(Exception):
    """A check failed: the pack is not written."""


def fail(message):
    raise ExportError(message)


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def hub_label_names(id2label, label_order=None):
    """The hub model's label at each logit index, in Korean (aliases resolved)."""
    if label_order:
        names = [s.strip() for s in label_order.split(",")]
    else:
        names = [str(id2label[i] if i in id2label else id2label[str(i)]) for i in range(len(id2label))]
    return [LABEL_ALIASES.get(n.lower(), n) for n in names]


def label_permutation(names):
    """Index into the hub's logits for each OFFICIAL_TEXT_LABELS entry: new[i] = old[perm[i]]."""
    if len(names) != len(OFFICIAL_TEXT_LABELS):
        fail(f"the model has {len(names)} labels {names}; the official model has {len(OFFICIAL_TEXT_LABELS)}: {OFFICIAL_TEXT_LABELS}")
    if sorted(names) != sorted(OFFICIAL_TEXT_LABELS):
        fail(
            f"the model's labels {names} are not the official six {OFFICIAL_TEXT_LABELS}; if the hub config only says "
            "LABEL_0..LABEL_5, pass --label-order with the Korean label of each index (from the model card), e.g. "
            "--label-order " + ",".join(OFFICIAL_TEXT_LABELS)
        )
    return [names.index(label) for label in OFFICIAL_TEXT_LABELS]


def build_manifest(*, onnx_sha256, onnx_bytes, input_names, source, license_name, notes, weights_sha256=None,
                   version="1.0.0", max_length=MAX_LENGTH):
    """manifest.json of the pack, per src/shared/models/manifest.ts (textManifestSchema)."""
    provenance = {
        "source": source,
        "data": "Fine-tuned by the seed project on six AIHub-style Korean emotions (see the model's card on the hub)",
        "notes": notes,
    }
    if weights_sha256:
        provenance["modelSha256"] = weights_sha256
    return {
        "formatVersion": 1,
        "kind": "text",
        "id": PACK_ID,
        "name": PACK_NAME,
        "version": version,
        "license": license_name,
        "description": PACK_DESCRIPTION,
        "labels": list(OFFICIAL_TEXT_LABELS),
        "canonicalMatrix": [list(row) for row in OFFICIAL_TEXT_CANONICAL_MATRIX],
        "input": {
            "type": "tokens",
            "tokenizerDir": "tokenizer",
            "maxLength": max_length,
            "inputNames": list(input_names),
            "outputName": "logits",
        },
        "provenance": provenance,
        "integrity": {"onnxSha256": onnx_sha256, "onnxBytes": onnx_bytes},
    }


def model_card(manifest, report):
    lines = [
        f"# {manifest['name']} (`{manifest['id']}` {manifest['version']})",
        "",
        "Exported for Haru by `training/text/export_official.py`.",
        "",
        f"- Source: {manifest['provenance']['source']}",
        f"- Licence: {manifest['license']}",
        f"- Labels (logit order): {', '.join(manifest['labels'])}; mapped onto Haru's canonical emotions by the seed's matrix",
        "  (src/shared/text/official-model.ts). The model has no neutral label.",
        f"- {manifest['provenance']['notes']}",
        "",
        "## Export check (ONNX Runtime against PyTorch)",
        "",
        "| sentence | label | max abs logit difference |",
        "|---|---|---|",
    ]
    for row in report:
        lines.append(f"| {row['text']} | {row['label']} | {row['diff']:.2e} |")
    lines += ["", "Install: Haru Settings -> Text emotion model -> Install a model pack from a folder.", ""]
    return "\n".join(lines)


def write_pack(out_dir, onnx_path, tokenizer_dir, manifest, card_text, force=False):
    """Writes the pack folder through `<out>.partial` and one rename, so a failed run leaves nothing half-written."""
    out_dir = os.path.abspath(out_dir)
    if os.path.exists(out_dir):
        if not force:
            fail(f"{out_dir} already exists (use --force to replace it)")
    partial = out_dir + ".partial"
    shutil.rmtree(partial, ignore_errors=True)
    os.makedirs(os.path.join(partial, "tokenizer"))
    try:
        shutil.copyfile(onnx_path, os.path.join(partial, "model.onnx"))
        for name in TOKENIZER_FILES:
            src = os.path.join(tokenizer_dir, name)
            if not os.path.isfile(src):
                fail(f"the tokenizer has no {name} (a fast tokenizer is needed)")
            shutil.copyfile(src, os.path.join(partial, "tokenizer", name))
        if sha256_file(os.path.join(partial, "model.onnx")) != manifest["integrity"]["onnxSha256"]:
            fail("model.onnx changed while it was copied")
        with open(os.path.join(partial, "manifest.json"), "w", encoding="utf-8") as f:
            json.dump(manifest, f, ensure_ascii=False, indent=2)
            f.write("\n")
        with open(os.path.join(partial, "MODEL_CARD.md"), "w", encoding="utf-8") as f:
            f.write(card_text)
        if os.path.exists(out_dir):
            shutil.rmtree(out_dir)
        os.rename(partial, out_dir)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return out_dir


# ---------------------------------------------------------------------------------------------
# The export itself (needs torch, transformers, onnx, onnxruntime and, by default, optimum).


def load_tokenizer(model_id, revision, tokenizer_id):
    from transformers import AutoTokenizer

    sources = [tokenizer_id] if tokenizer_id else [model_id, FALLBACK_TOKENIZER]
    for i, source in enumerate(sources):
        try:
            tok = AutoTokenizer.from_pretrained(source, revision=revision if source == model_id else None, use_fast=True)
        except (OSError, ValueError) as e:
            if i + 1 < len(sources):
                print(f"  no tokenizer in {source} ({type(e).__name__}); using {sources[i + 1]}")
                continue
            raise
        if not tok.is_fast:
            fail(f"{source} has no fast tokenizer (tokenizer.json), which Haru needs")
        ids = tok(KLUE_TOKENIZER_CHECK_TEXT)["input_ids"]
        if list(ids) != KLUE_TOKENIZER_CHECK_IDS:
            fail(f"the tokenizer from {source} is not the KLUE one: {KLUE_TOKENIZER_CHECK_TEXT!r} -> {ids}, expected {KLUE_TOKENIZER_CHECK_IDS}")
        return tok, source
    fail("no tokenizer")


def permute_classifier(model, perm):
    """Reorders the rows of the final Linear layer (num_labels outputs) so logit i is OFFICIAL_TEXT_LABELS[i]."""
    import torch

    n = model.config.num_labels
    heads = [m for m in model.modules() if isinstance(m, torch.nn.Linear) and m.out_features == n]
    if not heads:
        fail(f"no Linear layer with {n} outputs to reorder")
    head = heads[-1]
    index = torch.tensor(perm, dtype=torch.long)
    with torch.no_grad():
        head.weight.copy_(head.weight[index].clone())
        if head.bias is not None:
            head.bias.copy_(head.bias[index].clone())
    model.config.id2label = {i: label for i, label in enumerate(OFFICIAL_TEXT_LABELS)}
    model.config.label2id = {label: i for i, label in enumerate(OFFICIAL_TEXT_LABELS)}


class LogitsOnly:
    """Built lazily (torch is imported inside): forward(input_ids, attention_mask) -> logits."""

    @staticmethod
    def wrap(model):
        import torch

        class _Wrapper(torch.nn.Module):
            def __init__(self, inner):
                super().__init__()
                self.inner = inner

            def forward(self, input_ids, attention_mask):
                return self.inner(input_ids=input_ids, attention_mask=attention_mask, return_dict=True).logits

        return _Wrapper(model).eval()


def export_with_optimum(model, tokenizer, workdir, opset):
    try:
        from optimum.exporters.onnx import onnx_export_from_model
    except ImportError as e:
        fail(f"optimum's ONNX exporter is not installed ({e}); pip install \"optimum[onnxruntime]\" or use --exporter torch")
    options = dict(opset=opset, task="text-classification", device="cpu", do_validation=False)
    try:
        onnx_export_from_model(model, workdir, preprocessors=[tokenizer], **options)
    except TypeError:  # optimum versions without `preprocessors`
        onnx_export_from_model(model, workdir, **options)
    extra = sorted(f for f in os.listdir(workdir) if f.startswith("model.onnx") and f != "model.onnx")
    if extra:
        fail(f"the export wrote external data ({extra}); a pack needs a single model.onnx")
    return os.path.join(workdir, "model.onnx")


def export_with_torch(model, tokenizer, workdir, opset):
    import inspect

    import torch

    path = os.path.join(workdir, "model.onnx")
    sample = tokenizer(VERIFY_SENTENCES[:2], padding=True, return_tensors="pt")
    kwargs = dict(
        input_names=INPUT_NAMES,
        output_names=["logits"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "sequence"},
            "attention_mask": {0: "batch", 1: "sequence"},
            "logits": {0: "batch"},
        },
        opset_version=opset,
        do_constant_folding=True,
    )
    if "dynamo" in inspect.signature(torch.onnx.export).parameters:
        kwargs["dynamo"] = False  # the TorchScript exporter, whose dynamic_axes and opset are what we ask for
    with torch.no_grad():
        torch.onnx.export(LogitsOnly.wrap(model), (sample["input_ids"], sample["attention_mask"]), path, **kwargs)
    return path


def check_onnx_contract(path, num_labels):
    import onnx
    import onnxruntime as ort

    proto = onnx.load(path, load_external_data=False)
    opset = max((o.version for o in proto.opset_import if o.domain in ("", "ai.onnx")), default=0)
    if opset < MIN_OPSET:
        fail(f"the export has opset {opset}; Haru packs need >= {MIN_OPSET}")
    if any(t.data_location == onnx.TensorProto.EXTERNAL for t in proto.graph.initializer):
        fail("the export stores weights in external data files; a pack needs them inside model.onnx")
    session = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    inputs = {i.name: i for i in session.get_inputs()}
    if not {"input_ids", "attention_mask"} <= set(inputs) <= ALLOWED_INPUTS:
        fail(f"the export has inputs {sorted(inputs)}; Haru feeds input_ids and attention_mask (and token_type_ids)")
    for i in inputs.values():
        if i.type != "tensor(int64)" or len(i.shape) != 2 or all(isinstance(d, int) for d in i.shape):
            fail(f"input {i.name} is {i.type} {i.shape}; expected int64 [batch, sequence] with dynamic axes")
    outputs = {o.name: o for o in session.get_outputs()}
    if "logits" not in outputs:
        fail(f"the export has outputs {sorted(outputs)}, not logits")
    if outputs["logits"].shape[-1] != num_labels:
        fail(f"logits have shape {outputs['logits'].shape}, expected [batch, {num_labels}]")
    return session, [i.name for i in session.get_inputs()], opset


def verify(session, input_names, model, tokenizer, labels):
    """ONNX Runtime vs PyTorch on the verification sentences, batched (padded) and one by one."""
    import numpy as np
    import torch

    def feeds(enc):
        out = {"input_ids": enc["input_ids"].numpy().astype(np.int64), "attention_mask": enc["attention_mask"].numpy().astype(np.int64)}
        if "token_type_ids" in input_names:
            out["token_type_ids"] = np.zeros_like(out["input_ids"])
        return out

    worst = 0.0
    report = []
    batch = tokenizer(VERIFY_SENTENCES, padding=True, truncation=True, max_length=MAX_LENGTH, return_tensors="pt")
    with torch.no_grad():
        ref = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits.numpy()
    got = session.run(["logits"], feeds(batch))[0]
    batch_diff = np.abs(ref - got).max(axis=1)
    for i, text in enumerate(VERIFY_SENTENCES):
        one = tokenizer([text], truncation=True, max_length=MAX_LENGTH, return_tensors="pt")
        single = session.run(["logits"], feeds(one))[0][0]
        diff = float(max(batch_diff[i], np.abs(ref[i] - single).max()))
        if int(np.argmax(ref[i])) != int(np.argmax(got[i])):
            fail(f"ONNX and PyTorch disagree on the label of {text!r}")
        worst = max(worst, diff)
        report.append({"text": text, "label": labels[int(np.argmax(ref[i]))], "diff": diff})
        print(f"  {labels[int(np.argmax(ref[i]))]}  max|Δ|={diff:.2e}  {text}")
    print(f"  maximum absolute logit difference, ONNX Runtime vs PyTorch: {worst:.3e} (limit {MAX_ABS_DIFF:g})")
    if worst > MAX_ABS_DIFF:
        fail(f"ONNX and PyTorch logits differ by {worst:.3e} > {MAX_ABS_DIFF:g}")
    return worst, report


def hub_facts(model_id, revision):
    """Commit, licence and the SHA-256 of the weights file, from the hub's metadata when available."""
    try:
        from huggingface_hub import model_info

        info = model_info(model_id, revision=revision, files_metadata=True)
    except Exception as e:  # metadata is provenance, not a requirement
        print(f"  (hub metadata unavailable: {e})")
        return {"commit": revision, "license": None, "weights": None}
    license_name = None
    card = getattr(info, "card_data", None) or getattr(info, "cardData", None)
    if card:
        license_name = card.get("license") if hasattr(card, "get") else getattr(card, "license", None)
    weights = None
    for sibling in info.siblings or []:
        if sibling.rfilename in ("model.safetensors", "pytorch_model.bin") and getattr(sibling, "lfs", None):
            lfs = sibling.lfs
            sha = lfs.get("sha256") if isinstance(lfs, dict) else getattr(lfs, "sha256", None)
            weights = (sibling.rfilename, sha)
            break
    return {"commit": info.sha or revision, "license": license_name, "weights": weights}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=PACK_ID, help="pack folder to write (default: %(default)s)")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="hub id or local folder (default: %(default)s)")
    parser.add_argument("--revision", default="main", help="hub revision (branch, tag or commit)")
    parser.add_argument("--tokenizer", default=None, help=f"tokenizer source (default: the model repo, else {FALLBACK_TOKENIZER})")
    parser.add_argument("--label-order", default=None, help="comma-separated Korean label of each logit index, when the hub config does not name them")
    parser.add_argument("--exporter", choices=["optimum", "torch"], default="optimum")
    parser.add_argument("--opset", type=int, default=MIN_OPSET)
    parser.add_argument("--version", default=None, help="pack version (default: 1.0.0+<hub commit>)")
    parser.add_argument("--force", action="store_true", help="replace --out if it exists")
    args = parser.parse_args(argv)
    if args.opset < MIN_OPSET:
        parser.error(f"--opset must be >= {MIN_OPSET}")

    try:
        import onnxruntime
        import torch
        import transformers
        from transformers import AutoModelForSequenceClassification
    except ImportError as e:
        print(f"export_official.py: {e}. Install: pip install torch transformers \"optimum[onnxruntime]\" onnx onnxruntime", file=sys.stderr)
        return 1

    try:
        print(f"1. model and tokenizer: {args.model} @ {args.revision}")
        tokenizer, tokenizer_source = load_tokenizer(args.model, args.revision, args.tokenizer)
        model = AutoModelForSequenceClassification.from_pretrained(args.model, revision=args.revision).eval()
        facts = hub_facts(args.model, args.revision) if not os.path.isdir(args.model) else {"commit": None, "license": None, "weights": None}
        print(f"   {model.config.model_type}, {model.config.num_labels} labels, tokenizer from {tokenizer_source}")

        print("2. label order")
        names = hub_label_names(model.config.id2label, args.label_order)
        perm = label_permutation(names)
        print(f"   hub order {names}")
        if perm != list(range(len(perm))):
            sample = tokenizer(VERIFY_SENTENCES[:3], padding=True, return_tensors="pt")
            with torch.no_grad():
                before = model(**sample).logits
            permute_classifier(model, perm)
            with torch.no_grad():
                after = model(**sample).logits
            if not torch.equal(after, before[:, perm]):
                fail("reordering the classifier did not reorder the logits")
            print(f"   reordered to {OFFICIAL_TEXT_LABELS} (hub indices {perm})")
        else:
            print("   already the official order")

        with tempfile.TemporaryDirectory(prefix="haru-export-") as work:
            print(f"3. ONNX export ({args.exporter}, opset {args.opset})")
            export = export_with_optimum if args.exporter == "optimum" else export_with_torch
            onnx_path = export(model, tokenizer, work, args.opset)
            session, input_names, opset = check_onnx_contract(onnx_path, len(OFFICIAL_TEXT_LABELS))
            print(f"   inputs {input_names} -> logits, opset {opset}")

            print("4. ONNX Runtime vs PyTorch")
            worst, report = verify(session, input_names, model, tokenizer, OFFICIAL_TEXT_LABELS)

            print("5. pack")
            tok_dir = os.path.join(work, "tokenizer")
            tokenizer.save_pretrained(tok_dir)
            commit = facts["commit"] or "local"
            weights = facts["weights"]
            versions = f"torch {torch.__version__}, transformers {transformers.__version__}, onnxruntime {onnxruntime.__version__}"
            if args.exporter == "optimum":
                try:
                    from optimum.version import __version__ as optimum_version
                except ImportError:
                    optimum_version = "?"
                versions += f", optimum {optimum_version}"
            notes = (
                f"Exported by training/text/export_official.py ({args.exporter}, opset {opset}; {versions}). "
                f"ONNX Runtime vs PyTorch max |logit difference| {worst:.2e} on {len(VERIFY_SENTENCES)} Korean sentences. "
                f"Tokenizer: {tokenizer_source}. Hub label order {names}"
                + (f", classifier rows reordered by {perm}." if perm != list(range(len(perm))) else ".")
                + (f" modelSha256 is the hub's {weights[0]}." if weights and weights[1] else "")
            )
            manifest = build_manifest(
                onnx_sha256=sha256_file(onnx_path),
                onnx_bytes=os.path.getsize(onnx_path),
                input_names=input_names,
                source=f"https://huggingface.co/{args.model} (revision {commit})" if not os.path.isdir(args.model) else os.path.abspath(args.model),
                license_name=facts["license"] or f"not stated by the publisher (see https://huggingface.co/{args.model}; base model {FALLBACK_TOKENIZER})",
                notes=notes,
                weights_sha256=weights[1] if weights and weights[1] else None,
                version=args.version or (f"1.0.0+{commit[:7]}" if commit != "local" else "1.0.0"),
            )
            out = write_pack(args.out, onnx_path, tok_dir, manifest, model_card(manifest, report), force=args.force)
        print(f"wrote {out}\ninstall it in Haru: Settings -> Text emotion model -> Install a model pack from a folder")
        return 0
    except ExportError as e:
        print(f"export_official.py: refused: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
