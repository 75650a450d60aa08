#!/usr/bin/env bash
# Makes the Python environment with real Keras 3 (JAX backend, CPU) that the real-Keras differential tests
# (tests/differential/keras-real-*.test.ts) ask, from a local store of wheels, without the network:
#   bash scripts/keras-oracle-venv.sh [WHEEL_DIR]     (default $LEARNABLE_WHEELS, else /opt/pypi/files)
# It goes to $LEARNABLE_KERAS_VENV (default ~/.cache/learnable/keras-venv) and is kept: a second run is instant.
# Without the wheels it says so and fails; the tests then skip and say why.
set -euo pipefail
export KERAS_BACKEND=jax
wheels=${1:-${LEARNABLE_WHEELS:-/opt/pypi/files}}
venv=${LEARNABLE_KERAS_VENV:-$HOME/.cache/learnable/keras-venv}
# The versions the tests were written against (Keras 3.15 is the Keras the fixtures follow).
packages=(keras==3.15.1 jax==0.10.2 jaxlib==0.10.2)
if "$venv/bin/python" -c 'import keras, jax' >/dev/null 2>&1; then
  echo "$venv"
  exit 0
fi
if ! compgen -G "$wheels/keras-3.15.1-*.whl" >/dev/null; then
  echo "no Keras 3.15.1 wheel in $wheels: the real-Keras tests will skip" >&2
  exit 1
fi
python=$(command -v python3)
rm -rf "$venv"
mkdir -p "$(dirname "$venv")"
"$python" -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-index --find-links "$wheels" "${packages[@]}"
"$venv/bin/python" -c 'import keras, jax' >/dev/null
echo "$venv"
