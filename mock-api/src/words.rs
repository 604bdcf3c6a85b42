//! Vocabulary for the demo data: realistic model, dataset and team words so the demo
//! table looks like a real ModelArts project rather than `job-1`, `job-2`, ...

/// Job name prefixes: the visualization tool the job runs.
pub const TOOLS: &[&str] = &["tb", "tb", "tb", "mindinsight", "tensorboard", "viz"];

/// Model families with the datasets or experiment kinds that fit them, so names read
/// like `tb-yolov5-coco-3` rather than `tb-bert-imagenet-3`.
pub const MODELS: &[(&str, &[&str])] = &[
    ("resnet50", CLASSIFICATION),
    ("resnet101", CLASSIFICATION),
    ("vit-base", CLASSIFICATION),
    ("swin-tiny", CLASSIFICATION),
    ("mobilenetv3", CLASSIFICATION),
    ("efficientnet-b0", CLASSIFICATION),
    ("yolov5", DETECTION),
    ("yolov8", DETECTION),
    ("fasterrcnn", DETECTION),
    ("deeplabv3", SEGMENTATION),
    ("unet", SEGMENTATION),
    ("bert", LANGUAGE),
    ("bert-base", LANGUAGE),
    ("gpt2", LANGUAGE),
    ("ernie", LANGUAGE),
    ("pangu-alpha", LANGUAGE),
    ("llama2-7b", LANGUAGE),
    ("lstm", &["wikitext", "ptb", "lr-sweep"]),
    ("wide-deep", &["criteo", "avazu", "ablation"]),
    ("crnn", &["icdar2015", "synthtext", "finetune"]),
];

const CLASSIFICATION: &[&str] = &[
    "imagenet",
    "cifar10",
    "cifar100",
    "finetune",
    "lr-sweep",
    "distill",
    "quant-aware",
];
const DETECTION: &[&str] = &["coco", "voc2012", "finetune", "ablation"];
const SEGMENTATION: &[&str] = &["cityscapes", "voc2012", "ade20k", "ablation"];
const LANGUAGE: &[&str] = &[
    "squad", "wikitext", "finetune", "pretrain", "clue", "lr-sweep",
];

/// OBS buckets the training logs live in.
pub const BUCKETS: &[&str] = &[
    "ml-team-logs",
    "cv-experiments",
    "nlp-training",
    "modelarts-demo",
    "research-runs",
];

/// Short description sentences; `{model}` and `{task}` are filled in.
pub const SHORT_DESCRIPTIONS: &[&str] = &[
    "Baseline {model} on {task}.",
    "Loss curves for the {model} {task} run.",
    "Compare learning rates for {model}.",
    "Nightly {task} training, {model} backbone.",
    "Mixed-precision {model} run on Ascend 910.",
    "Re-run of last week's {task} job with a fixed seed.",
    "Scalars and histograms for {model}.",
];

/// Long descriptions (over 120 characters) to exercise wrapping and truncation in the UI.
pub const LONG_DESCRIPTIONS: &[&str] = &[
    "Hyper-parameter sweep for {model} on {task}: batch size 256, cosine learning-rate schedule with 5 warm-up epochs, label smoothing 0.1 and weight decay 1e-4 across 8 Ascend devices.",
    "Investigating the accuracy drop seen after the data-pipeline refactor; this job visualizes the {task} training logs of {model} before and after the change so the two loss curves can be compared side by side.",
    "Distributed {model} training on {task} with gradient accumulation; watch the throughput and the per-device memory graphs, the previous attempt ran out of memory around step 42000.",
];
