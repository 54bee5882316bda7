"""The post's Example 2 as the post runs it: Keras model.fit, 2-16-1, ReLU, sigmoid,
Adam, binary cross-entropy, batch 32 (Keras' default), reshuffled every epoch, on the
same circles as numpy_mlp.py (generated without scikit-learn, the same numbers).

    python3 keras_mlp.py [--epochs 500]

Needs keras 3 with a backend (pip install keras tensorflow-cpu).
"""
import argparse
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402

from numpy_mlp import circles  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=500)
    args = ap.parse_args()
    x_train, y_train, x_test, y_test = circles()
    model = keras.Sequential([
        keras.Input(shape=(2,)),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    model.fit(x_train, y_train, epochs=args.epochs, batch_size=32, verbose=0)
    loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
    print(f"epoch {args.epochs}: test {accuracy:.1%} (test loss {loss:.4g})")


if __name__ == "__main__":
    main()
