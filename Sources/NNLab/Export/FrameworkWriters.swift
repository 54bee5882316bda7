import NNCore

/// Keras 3: a Sequential model, `compile` and `fit`.
struct KerasWriter: FrameworkWriter {
    let title = "Keras"
    let needs = "numpy and Keras 3 with a backend (pip install numpy keras tensorflow)"
    let imports = ["import numpy as np", "import keras"]

    func model(_ s: PythonScript) -> [String] {
        let l2 = s.config.l2 > 0
        let regularizer = l2 ? ", kernel_regularizer=l2" : ""
        let layers = s.hidden.map { ($0.units, $0.activation.rawValue) } + [(1, "sigmoid")]
        return s.modelHeading + ["keras.utils.set_random_seed(\(s.config.seed))"]
            + (l2 ? ["# l2= adds l2 * sum(w**2) of each layer's kernel to the loss, as in nnlab.",
                     "l2 = keras.regularizers.l2(\(PythonScript.number(s.config.l2)))"] : [])
            + ["model = keras.Sequential([", "    keras.Input(shape=(\(s.features),)),"]
            + layers.map { "    keras.layers.Dense(\($0.0), activation='\($0.1)'\(regularizer))," }
            + ["])"]
    }

    func training(_ s: PythonScript) -> [String] {
        let optimizer = s.optimizerCall("keras.optimizers", rate: "learning_rate",
                                        notes: [.adam: "epsilon 1e-7, as nnlab", .rmsprop: "rho 0.9, epsilon 1e-7, as nnlab"])
        return [
            "# 5. Training: \(s.trainingSummary)",
            "optimizer = \(optimizer)",
            "model.compile(optimizer=optimizer, loss='binary_crossentropy', metrics=['accuracy'])",
            "# One fit per epoch on a fresh permutation: after set_random_seed, fit(shuffle=True) would",
            "# repeat one batch order in every epoch.",
            "shuffle = np.random.RandomState(\(s.config.seed))",
            "for epoch in range(\(s.epochs)):",
            "    order = shuffle.permutation(len(y_train))",
            "    model.fit(X_train[order], y_train[order], batch_size=\(s.config.batch), shuffle=False, verbose=0)",
        ]
    }

    let evaluation = [
        "# 6. Test accuracy: a probability above 0.5 is class 1.",
        "_, accuracy = model.evaluate(X_test, y_test, verbose=0)",
        "print(f\"test accuracy: {accuracy:.4f}\")",
    ]
}

/// PyTorch: nn.Sequential ending in a logit, BCEWithLogitsLoss, and a plain loop over shuffled batches.
struct PyTorchWriter: FrameworkWriter {
    let title = "PyTorch"
    let needs = "numpy and PyTorch (pip install numpy torch)"
    let imports = ["import numpy as np", "import torch", "from torch import nn"]

    func model(_ s: PythonScript) -> [String] {
        let widths = [s.features] + s.hidden.map(\.units)
        let layers = s.hidden.enumerated().map { i, layer in
            "    nn.Linear(\(widths[i]), \(layer.units)), \(Self.module(layer.activation)),"
        }
        return s.modelHeading + [
            "#    The last layer gives a logit: the sigmoid is inside the loss (BCEWithLogitsLoss).",
            "torch.manual_seed(\(s.config.seed))",
            "model = nn.Sequential(",
        ] + layers + [
            "    nn.Linear(\(widths.last!), 1),",
            ")",
            "linears = [layer for layer in model if isinstance(layer, nn.Linear)]",
            "for layer in linears:",
            "    nn.init.xavier_uniform_(layer.weight)",
            "    nn.init.zeros_(layer.bias)",
        ]
    }

    static func module(_ activation: Activation) -> String {
        switch activation {
        case .relu: return "nn.ReLU()"
        case .tanh: return "nn.Tanh()"
        case .sigmoid: return "nn.Sigmoid()"
        case .leaky_relu: return "nn.LeakyReLU(\(PythonScript.number(Activation.leakySlope)))"
        case .linear: return "nn.Identity()"
        }
    }

    func training(_ s: PythonScript) -> [String] {
        let batch = s.config.batch
        let optimizer = s.optimizerCall("torch.optim", first: "model.parameters()", rate: "lr",
                                        extras: [.adam: "eps=1e-7", .rmsprop: "alpha=0.9, eps=1e-7"],
                                        notes: [.adam: "Keras' and nnlab's epsilon", .rmsprop: "Keras' and nnlab's"])
        let penalty = s.config.l2 > 0
            ? ["        # l2=: the sum of the squared weights, as Keras' kernel_regularizer and nnlab add it",
               "        loss = loss + \(PythonScript.number(s.config.l2)) * sum((layer.weight ** 2).sum() for layer in linears)"]
            : []
        return [
            "# 5. Training: \(s.trainingSummary)",
            "X_train_t = torch.tensor(X_train, dtype=torch.float32)",
            "y_train_t = torch.tensor(y_train, dtype=torch.float32).reshape(-1, 1)",
            "loss_fn = nn.BCEWithLogitsLoss()",
            "optimizer = \(optimizer)",
            "for epoch in range(\(s.epochs)):",
            "    order = torch.randperm(len(X_train_t))",
            "    for start in range(0, len(order), \(batch)):",
            "        batch = order[start:start + \(batch)]",
            "        loss = loss_fn(model(X_train_t[batch]), y_train_t[batch])",
        ] + penalty + [
            "        optimizer.zero_grad()",
            "        loss.backward()",
            "        optimizer.step()",
        ]
    }

    let evaluation = [
        "# 6. Test accuracy: a logit above 0 (a probability above 0.5) is class 1.",
        "X_test_t = torch.tensor(X_test, dtype=torch.float32)",
        "y_test_t = torch.tensor(y_test, dtype=torch.float32).reshape(-1, 1)",
        "with torch.no_grad():",
        "    predicted = (model(X_test_t) > 0).float()",
        "accuracy = (predicted == y_test_t).float().mean().item()",
        "print(f\"test accuracy: {accuracy:.4f}\")",
    ]
}
