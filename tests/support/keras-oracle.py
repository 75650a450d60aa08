"""Real Keras 3 as an oracle for Learnable's tests (tests/support/keras-oracle.ts runs it).

Reads one JSON request on stdin and writes one JSON answer on stdout:
- {"scripts": [source, ...]}: runs each script as a user would run our "check it yourself" Keras code
  (a fresh namespace, model.summary() silenced) and describes the `model` it builds, with its model.to_json();
- {"applications": [name, ...]}: builds each keras.applications model with weights=None (nothing is
  downloaded) and describes it, with its model.to_json().
A model is described layer by layer, in model.layers order: name, class, count_params(), the sizes of its
trainable and non-trainable weights, and its output shape(s) without the batch axis.
"""
import contextlib
import io
import json
import math
import os
import sys

# The numpy backend: layers are built and their weights made without XLA compiling anything (the JAX backend
# compiles an initializer per weight shape: ~1 s a small model, against ~5 ms).
os.environ.setdefault("KERAS_BACKEND", "numpy")
import keras  # noqa: E402


def shape_of(tensor):
    return [None if d is None else int(d) for d in tuple(tensor.shape)[1:]]


def describe(model):
    layers = []
    for layer in model.layers:
        try:
            output = layer.output
            outputs = [shape_of(t) for t in (output if isinstance(output, (list, tuple)) else [output])]
        except (AttributeError, ValueError):  # a shared layer has one output per call, and no `output`
            outputs = None
        layers.append({
            "name": layer.name,
            "class": type(layer).__name__,
            "params": int(layer.count_params()) if layer.built else 0,
            "trainable": int(sum(math.prod(w.shape) for w in layer.trainable_weights)),
            "nonTrainable": int(sum(math.prod(w.shape) for w in layer.non_trainable_weights)),
            "outputShapes": outputs,
        })
    return {
        "layers": layers,
        "total": int(model.count_params()),
        "trainable": int(sum(math.prod(w.shape) for w in model.trainable_weights)),
        "nonTrainable": int(sum(math.prod(w.shape) for w in model.non_trainable_weights)),
    }


APPLICATIONS = {
    "vgg16": lambda: keras.applications.VGG16(weights=None),
    "vgg19": lambda: keras.applications.VGG19(weights=None),
    "resnet50": lambda: keras.applications.ResNet50(weights=None),
    "resnet101": lambda: keras.applications.ResNet101(weights=None),
    "densenet121": lambda: keras.applications.DenseNet121(weights=None),
    "mobilenet": lambda: keras.applications.MobileNet(weights=None),
    "mobilenet_v2": lambda: keras.applications.MobileNetV2(weights=None),
    "inception_v3": lambda: keras.applications.InceptionV3(weights=None),
    "xception": lambda: keras.applications.Xception(weights=None),
    "efficientnet_b0": lambda: keras.applications.EfficientNetB0(weights=None),
    "nasnet_mobile": lambda: keras.applications.NASNetMobile(weights=None),
    # Models with layers of their own (ConvNeXt's LayerScale, InceptionResNetV2's CustomScaleLayer), and later ones.
    "convnext_tiny": lambda: keras.applications.ConvNeXtTiny(weights=None),
    "inception_resnet_v2": lambda: keras.applications.InceptionResNetV2(weights=None),
    "resnet50_v2": lambda: keras.applications.ResNet50V2(weights=None),
    "efficientnet_v2_b0": lambda: keras.applications.EfficientNetV2B0(weights=None),
    # Built without input_shape, MobileNetV3 leaves height and width open (None); Learnable needs them.
    "mobilenet_v3_small": lambda: keras.applications.MobileNetV3Small(weights=None, input_shape=(224, 224, 3)),
    # The largest: 1,041 layers (1,040 counted, the input left out), 88,949,818 parameters.
    "nasnet_large": lambda: keras.applications.NASNetLarge(weights=None),
}


def run_script(source):
    namespace = {"__name__": "__main__"}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(source, namespace)
    model = namespace["model"]
    return {**describe(model), "json": model.to_json()}


def main():
    request = json.load(sys.stdin)
    answer = {"keras": keras.__version__, "backend": keras.backend.backend()}
    if "scripts" in request:
        results = []
        for source in request["scripts"]:
            try:
                results.append(run_script(source))
            except Exception as error:  # a script that fails is reported, not fatal
                results.append({"error": f"{type(error).__name__}: {error}"})
            keras.backend.clear_session()
        answer["scripts"] = results
    if "applications" in request:
        models = {}
        for name in request["applications"]:
            model = APPLICATIONS[name]()
            models[name] = {**describe(model), "json": model.to_json()}
            del model
            keras.backend.clear_session()
        answer["applications"] = models
    json.dump(answer, sys.stdout)


main()
