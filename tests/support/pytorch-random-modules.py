"""Random nested torch.nn models, printed, with PyTorch's own count for every module.

    /usr/bin/python3 tests/support/pytorch-random-modules.py COUNT SEED

writes a JSON list to stdout, one entry per model:

    {"text": print(model), "compact": whether ModuleList used newer PyTorch's repr,
     "modules": [[path, sum(p.numel() for p in module.parameters())] in named_modules() order],
     "hidden": {path: parameters a custom container holds itself, not in its repr},
     "classes": {class name: how many modules of it}}

Every module is built fresh (a repeated ModuleList entry is a deep copy), so nothing is
shared and named_modules() lists every printed module once.
"""

import copy
import json
import random
import sys
import warnings

import torch
from torch import nn
from torchvision.models.convnext import LayerNorm2d
from torchvision.ops import FrozenBatchNorm2d, Permute, StochasticDepth

warnings.filterwarnings("ignore")


def _addindent(text, spaces):
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    return lines[0] + "\n" + "\n".join(" " * spaces + line for line in lines[1:])


def compact_module_list_repr(self):
    """ModuleList.__repr__ as newer PyTorch (2.x) writes it: equal neighbours as (0-2): 3 x Block(…)."""
    reprs = [repr(item) for item in self]
    if not reprs:
        return self._get_name() + "()"
    ranges, blocks = [[0, 0]], [reprs[0]]
    for i, r in enumerate(reprs[1:], 1):
        if r == blocks[-1]:
            ranges[-1][1] += 1
            continue
        ranges.append([i, i])
        blocks.append(r)
    lines = []
    for (start, end), block in zip(ranges, blocks):
        line = f"({start}): {block}" if start == end else f"({start}-{end}): {end - start + 1} x {block}"
        lines.append(_addindent(line, 2))
    return self._get_name() + "(\n  " + "\n  ".join(lines) + "\n)"


ORIGINAL_MODULE_LIST_REPR = nn.ModuleList.__repr__


def size(r, low=1, high=8):
    return r.randint(low, high)


def axes(r, rank, low=1, high=4):
    """One size, or one per axis (as a tuple), like a constructor call may give them."""
    if r.random() < 0.4:
        return r.randint(low, high)
    return tuple(r.randint(low, high) for _ in range(rank))


def conv(r):
    rank = r.choice([1, 2, 3])
    groups = r.choice([1, 1, 2, 3])
    stride = axes(r, rank, 1, 3)
    options = {
        "stride": stride,
        "dilation": axes(r, rank, 1, 2),
        "groups": groups,
        "bias": r.random() < 0.7,
        "padding_mode": r.choice(["zeros", "zeros", "reflect", "replicate", "circular"]),
    }
    options["padding"] = "same" if stride in (1, (1,) * rank) and r.random() < 0.3 else axes(r, rank, 0, 2)
    cls = [nn.Conv1d, nn.Conv2d, nn.Conv3d][rank - 1]
    return cls(groups * size(r), groups * size(r), axes(r, rank, 1, 5), **options)


def conv_transpose(r):
    rank = r.choice([1, 2, 3])
    groups = r.choice([1, 1, 2])
    stride = r.randint(1, 3)
    cls = [nn.ConvTranspose1d, nn.ConvTranspose2d, nn.ConvTranspose3d][rank - 1]
    return cls(
        groups * size(r),
        groups * size(r),
        axes(r, rank, 1, 4),
        stride=stride,
        padding=axes(r, rank, 0, 2),
        output_padding=r.randint(0, stride - 1),
        groups=groups,
        bias=r.random() < 0.7,
        dilation=r.randint(1, 2),
    )


def recurrent(r):
    cls = r.choice([nn.RNN, nn.GRU, nn.LSTM])
    hidden = size(r, 2, 9)
    options = {
        "num_layers": r.randint(1, 3),
        "bias": r.random() < 0.7,
        "batch_first": r.random() < 0.5,
        "bidirectional": r.random() < 0.5,
    }
    if options["num_layers"] > 1 and r.random() < 0.5:
        options["dropout"] = 0.1
    if cls is nn.LSTM and r.random() < 0.4:
        options["proj_size"] = r.randint(1, hidden - 1)
    if cls is nn.RNN and r.random() < 0.3:
        options["nonlinearity"] = "relu"
    return cls(size(r), hidden, **options)


def cell(r):
    cls = r.choice([nn.RNNCell, nn.GRUCell, nn.LSTMCell])
    return cls(size(r), size(r), bias=r.random() < 0.7)


def layer_norm(r):
    shape = [size(r, 1, 6) for _ in range(r.randint(1, 3))]
    cls = r.choice([nn.LayerNorm, nn.LayerNorm, LayerNorm2d])
    return cls(shape[0] if len(shape) == 1 and r.random() < 0.5 else shape, elementwise_affine=r.random() < 0.7)


def group_norm(r):
    groups = size(r, 1, 4)
    return nn.GroupNorm(groups, groups * size(r, 1, 4), affine=r.random() < 0.7)


def batch_norm(r):
    cls = r.choice([nn.BatchNorm1d, nn.BatchNorm2d, nn.BatchNorm3d, nn.SyncBatchNorm])
    return cls(size(r), momentum=r.choice([0.1, None]), affine=r.random() < 0.8, track_running_stats=r.random() < 0.8)


def instance_norm(r):
    cls = r.choice([nn.InstanceNorm1d, nn.InstanceNorm2d, nn.InstanceNorm3d])
    return cls(size(r), affine=r.random() < 0.5, track_running_stats=r.random() < 0.5)


def embedding(r):
    n = size(r, 2, 20)
    if r.random() < 0.5:
        return nn.Embedding(n, size(r), padding_idx=r.choice([None, 0]), max_norm=r.choice([None, 1.0]), sparse=r.random() < 0.3)
    return nn.EmbeddingBag(n, size(r), mode=r.choice(["mean", "sum", "max"]), padding_idx=r.choice([None, 1]))


def parameter_list(r):
    def tensor():
        shape = [size(r, 1, 4) for _ in range(r.randint(0, 3))]
        return nn.Parameter(torch.zeros(shape))

    if r.random() < 0.5:
        return nn.ParameterList([tensor() for _ in range(r.randint(0, 3))])
    return nn.ParameterDict({f"p{i}": tensor() for i in range(r.randint(0, 3))})


def attention(r):
    heads = r.randint(1, 3)
    return nn.MultiheadAttention(heads * size(r, 1, 4), heads, bias=r.random() < 0.7, dropout=r.choice([0.0, 0.1]))


LEARNING = [
    conv,
    conv,
    conv_transpose,
    lambda r: nn.Linear(size(r), size(r), bias=r.random() < 0.7),
    lambda r: nn.Bilinear(size(r), size(r), size(r), bias=r.random() < 0.7),
    batch_norm,
    instance_norm,
    layer_norm,
    group_norm,
    lambda r: nn.PReLU(r.choice([1, size(r)])),
    embedding,
    recurrent,
    cell,
    parameter_list,
    attention,
    lambda r: FrozenBatchNorm2d(size(r)),
]

FREE = [
    lambda r: nn.ReLU(inplace=r.random() < 0.5),
    lambda r: nn.ReLU6(),
    lambda r: nn.SiLU(),
    lambda r: nn.GELU(approximate=r.choice(["none", "tanh"])),
    lambda r: nn.Hardswish(),
    lambda r: nn.Hardsigmoid(),
    lambda r: nn.Sigmoid(),
    lambda r: nn.Tanh(),
    lambda r: nn.LeakyReLU(r.choice([0.01, 0.2])),
    lambda r: nn.ELU(alpha=0.5),
    lambda r: nn.Softmax(dim=r.choice([None, 1, -1])),
    lambda r: nn.LogSoftmax(dim=1),
    lambda r: nn.Hardtanh(-2.0, 2.0),
    lambda r: nn.Softplus(beta=2),
    lambda r: nn.Threshold(0.1, 20.0),
    lambda r: nn.GLU(),
    lambda r: nn.Mish(),
    lambda r: nn.MaxPool2d(size(r, 1, 3), stride=r.choice([None, 1]), padding=0, ceil_mode=r.random() < 0.5),
    lambda r: nn.AvgPool1d(size(r, 1, 3)),
    lambda r: nn.AvgPool3d(2, divisor_override=r.choice([None, 3])),
    lambda r: nn.AdaptiveAvgPool2d(r.choice([1, (2, 3), (None, 4)])),
    lambda r: nn.AdaptiveMaxPool1d(size(r)),
    lambda r: nn.LPPool2d(2, 3),
    lambda r: nn.MaxUnpool2d(2),
    lambda r: nn.Dropout(r.choice([0.1, 0.5])),
    lambda r: nn.Dropout2d(0.2),
    lambda r: nn.AlphaDropout(0.1),
    lambda r: nn.Flatten(r.choice([1, 0])),
    lambda r: nn.Unflatten(1, (2, size(r))),
    lambda r: nn.Identity(),
    lambda r: nn.Upsample(scale_factor=2, mode=r.choice(["nearest", "bilinear"])),
    lambda r: nn.ZeroPad2d(r.choice([1, (1, 2, 0, 1)])),
    lambda r: nn.ConstantPad1d(2, 3.5),
    lambda r: nn.ReflectionPad2d(1),
    lambda r: nn.ReplicationPad3d(1),
    lambda r: nn.PixelShuffle(2),
    lambda r: nn.ChannelShuffle(2),
    lambda r: nn.LocalResponseNorm(3),
    lambda r: StochasticDepth(0.1, r.choice(["row", "batch"])),
    lambda r: Permute([0, 2, 3, 1]),
    lambda r: nn.CosineSimilarity(),
]

CUSTOM_NAMES = ["Block", "Stem", "Head", "ResidualUnit", "MyEncoder", "_Stage"]


class Extra(nn.Module):
    """A custom container whose extra_repr prints lines before its children."""

    def extra_repr(self):
        return "width=3\nmode=(fast, 2)"


def leaf(r):
    return r.choice(LEARNING)(r) if r.random() < 0.6 else r.choice(FREE)(r)


def container(r, depth):
    kind = r.random()
    n = r.randint(0, 4)
    make = lambda _: node(r, depth + 1)  # noqa: E731
    if kind < 0.3:
        return nn.Sequential(*[make(i) for i in range(n)])
    if kind < 0.5:
        items = []
        for i in range(n):
            block = make(len(items))
            items.append(block)
            # Identical neighbours, which newer PyTorch prints as one (a-b): n x line.
            for _ in range(r.choice([0, 0, 1, 2])):
                items.append(copy.deepcopy(block))
        return nn.ModuleList(items)
    if kind < 0.6:
        keys = r.sample(["a", "b", "conv", "head", "x y", "0-1", "t"], n)
        return nn.ModuleDict({key: make(key) for key in keys})
    name = r.choice(CUSTOM_NAMES)
    module = (Extra if r.random() < 0.2 else type(name, (nn.Module,), {}))()
    for i in range(max(n, 1)):
        key = r.choice(["conv", "norm", "act", "proj", "body", "skip"]) + str(i)
        module.add_module(key, make(key) if r.random() < 0.9 else None)
    if r.random() < 0.2:
        # A parameter held by the container itself: print(model) cannot show it.
        module.scale = nn.Parameter(torch.zeros(size(r)))
    return module


def node(r, depth):
    if depth >= 4 or r.random() < 0.45:
        return leaf(r)
    return container(r, depth)


def describe(model, compact):
    classes = {}
    hidden = {}
    for path, module in model.named_modules():
        name = type(module).__name__
        classes[name] = classes.get(name, 0) + 1
        own = sum(p.numel() for p in module.parameters(recurse=False))
        if (name in CUSTOM_NAMES or isinstance(module, Extra)) and own > 0:
            hidden[path] = own
    return {
        "text": repr(model),
        "compact": compact,
        "modules": [[path, sum(p.numel() for p in m.parameters())] for path, m in model.named_modules()],
        "hidden": hidden,
        "classes": classes,
    }


def main(count, seed):
    out = []
    for n in range(count):
        r = random.Random(f"{seed}-{n}")
        compact = n % 2 == 0
        nn.ModuleList.__repr__ = compact_module_list_repr if compact else ORIGINAL_MODULE_LIST_REPR
        model = container(r, 0)
        out.append(describe(model, compact))
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
