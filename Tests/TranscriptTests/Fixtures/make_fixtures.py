"""Writes iris.csv, wine.csv and digits.csv from the copies scikit-learn ships (no download).

Run with any Python that has scikit-learn: python3 make_fixtures.py
"""
import csv
from sklearn.datasets import load_digits, load_iris, load_wine


def write(name, header, rows):
    with open(name, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


iris = load_iris()
write("iris.csv", ["sepal_length", "sepal_width", "petal_length", "petal_width", "species"],
      [[*map(repr, map(float, x)), iris.target_names[y]] for x, y in zip(iris.data, iris.target)])

wine = load_wine()
# UCI numbers the three cultivars 1, 2, 3.
write("wine.csv", [*wine.feature_names, "cultivar"],
      [[*map(repr, map(float, x)), int(y) + 1] for x, y in zip(wine.data, wine.target)])

digits = load_digits()
write("digits.csv", [f"p{r}{c}" for r in range(8) for c in range(8)] + ["digit"],
      [[*map(int, x), int(y)] for x, y in zip(digits.data, digits.target)])
