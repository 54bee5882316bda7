import NNCore

/// PyTorch: nn.Sequential ending in a logit and BCEWithLogitsLoss (k classes: `Linear(h, k)` and CrossEntropyLoss). Exact: nnlab's kernels, float64, batches
/// indexed in nnlab's order. Otherwise: a DataLoader that reshuffles every epoch.
struct PyTorchWriter: FrameworkWriter {
    let title = "PyTorch"
    let needs = "numpy and PyTorch (pip install numpy torch)"

    func imports(_ s: PythonScript) -> [String] {
        (s.exact && s.config.optimizer == .adam ? ["import math", ""] : s.config.patience > 0 ? [""] : [])
            + (s.config.patience > 0 ? ["import copy"] : [])
            + ["import torch", "from torch import nn"]
            + (s.exact ? [] : ["from torch.utils.data import DataLoader, TensorDataset"])
    }

    func model(_ s: PythonScript) -> [String] {
        let widths = [s.features] + s.hidden.map(\.units)
        let layers = s.hidden.enumerated().flatMap { i, spec in layer(spec, inputs: widths[i], exact: s.exact) }
        let norm = s.hidden.contains(where: \.batchNorm) ? (s.exact ? batchNormAsKeras : [
            "# Batch norm with Keras' (and nnlab's) settings: PyTorch's momentum is the share of the new batch, 1 - 0.99.",
            "# PyTorch's running variance uses n - 1 where Keras and nnlab use n, which moves evaluation a little.",
        ]) + ["", ""] : []
        let setup = [
            "# nnlab's models are small: one thread skips the cost of splitting tiny products between threads",
            "# (Example 2, 2 busy cores: 4-15x faster than the default, same results). Raise it for big models.",
            "torch.set_num_threads(1)",
        ] + (s.exact ? ["torch.set_default_dtype(torch.float64)  # nnlab computes in double precision"]
                     : ["torch.manual_seed(\(s.config.seed))"])
        let initial = s.exact ? [
            "with torch.no_grad():",
            "    for layer, kernel in zip(linears, kernels):",
            "        layer.weight.copy_(torch.from_numpy(kernel.T))  # PyTorch keeps a kernel as outputs x inputs",
            "        layer.bias.zero_()",
        ] : [
            "for layer in linears:",
            "    nn.init.xavier_uniform_(layer.weight)",
            "    nn.init.zeros_(layer.bias)",
        ]
        let head = s.manyClasses ? "    nn.Linear(\(widths.last!), \(s.classes)),  # a logit per class (CrossEntropyLoss applies the softmax)"
                                 : "    nn.Linear(\(widths.last!), 1),  # the logit"
        return setup + norm + ["model = nn.Sequential("] + layers + [head, ")",
                                                             "linears = [layer for layer in model if isinstance(layer, nn.Linear)]"]
            + initial + [
                "dtype = torch.get_default_dtype()",
                "",
                "",
                "def logits(X):",
                "    \"\"\"The model's logits for the rows of X, in evaluation mode (where dropout and batch norm differ).\"\"\"",
                "    training = model.training",
                "    model.eval()",
                "    with torch.no_grad():",
                "        z = model(torch.as_tensor(X, dtype=dtype))",
                "    model.train(training)",
                "    return z.double().numpy()",
            ]
    }

    /// One hidden layer: what a `LayerSpec` field adds (a dropout rate, batch norm) becomes lines here.
    /// Batch norm goes between the linear part and the activation, as nnlab puts it.
    func layer(_ spec: LayerSpec, inputs: Int, exact: Bool) -> [String] {
        let norm = !spec.batchNorm ? "" : exact ? " BatchNormAsKeras(\(spec.units)),"
                                                : " nn.BatchNorm1d(\(spec.units), momentum=0.01, eps=1e-3),"
        return ["    nn.Linear(\(inputs), \(spec.units)),\(norm) \(Self.module(spec.activation)),"]
            + (spec.dropout > 0 ? ["    nn.Dropout(\(PythonScript.number(spec.dropout))),"] : [])
    }

    /// Keras' batch norm, which nnlab follows: the running variance moves towards the batch's population
    /// variance (PyTorch's BatchNorm1d uses the sample variance there).
    let batchNormAsKeras = [
        "class BatchNormAsKeras(nn.BatchNorm1d):",
        "    \"\"\"Keras' BatchNormalization(momentum=0.99, epsilon=1e-3), as nnlab computes it: the batch's mean and",
        "    population variance in training, running averages of both (0.99 old, 0.01 new) at evaluation.\"\"\"",
        "",
        "    def __init__(self, units):",
        "        super().__init__(units, momentum=0.01, eps=1e-3)",
        "",
        "    def forward(self, x):",
        "        if not self.training:",
        "            return super().forward(x)",
        "        mean, var = x.mean(0), x.var(0, unbiased=False)",
        "        with torch.no_grad():",
        "            self.running_mean.mul_(0.99).add_(0.01 * mean)",
        "            self.running_var.mul_(0.99).add_(0.01 * var)",
        "        return (x - mean) / torch.sqrt(var + self.eps) * self.weight + self.bias",
    ]

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
                                        replacing: s.exact ? [.adam: "AdamAsNnlab"] : [:],
                                        extras: [.adam: s.exact ? nil : "eps=1e-7", .rmsprop: "alpha=0.9, eps=1e-7"].compactMapValues { $0 },
                                        notes: [.adam: s.exact ? "epsilon added to sqrt(v), as nnlab and Keras"
                                                    : "Keras' and nnlab's epsilon (PyTorch adds it after the bias correction)",
                                                .rmsprop: "divides by sqrt(v) + eps, as nnlab (Keras 3: sqrt(v + eps))",
                                                .momentum: "PyTorch's velocity is Keras' and nnlab's over -lr: the same steps"])
        let penalty = (s.config.l2 > 0
            ? ["        # l2=: the sum of the squared weights, as Keras' kernel_regularizer and nnlab add it",
               "        loss = loss + \(PythonScript.number(s.config.l2)) * sum((layer.weight ** 2).sum() for layer in linears)"]
            : []) + (s.config.l1 > 0
            ? ["        # l1=: the sum of the weights' sizes, as Keras' L1 regularizer and nnlab add it",
               "        loss = loss + \(PythonScript.number(s.config.l1)) * sum(layer.weight.abs().sum() for layer in linears)"]
            : [])
        var lines = ["# 6. Training: \(s.trainingSummary)."]
        if s.exact && s.config.optimizer == .adam { lines += adamAsNnlab + ["", ""] }
        let decay = s.config.lrDecay != 1
        // Two classes: a float label column beside one logit; k classes: the class numbers, as CrossEntropyLoss takes them.
        let (loss, shape) = s.manyClasses ? ("nn.CrossEntropyLoss", "") : ("nn.BCEWithLogitsLoss", ".reshape(-1, 1)")
        lines += [
            "X_train_t = torch.as_tensor(X_train, dtype=dtype)",
            s.manyClasses ? "Y_train_t = torch.as_tensor(y_train, dtype=torch.long)  # the class of each row"
                          : "Y_train_t = torch.as_tensor(y_train, dtype=dtype).reshape(-1, 1)",
        ] + s.classWeightLines + (s.weighted ? [
            "W_train_t = torch.as_tensor([class_weight[int(c)] for c in y_train], dtype=dtype)\(shape)",
            "loss_fn = \(loss)(reduction='none')  # each row's loss, to be weighted",
        ] : ["loss_fn = \(loss)()"]) + [
            "optimizer = \(optimizer)",
        ] + (decay ? ["# lr_decay=: the rate times \(PythonScript.number(s.config.lrDecay)) after every epoch, as nnlab.",
                      "schedule = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=\(PythonScript.number(s.config.lrDecay)))"] : [])
            + s.earlyStoppingStart
        let step = [s.weighted ? "        loss = (loss_fn(model(X_batch), Y_batch) * W_batch).mean()"
                               : "        loss = loss_fn(model(X_batch), Y_batch)"] + penalty + [
            "        optimizer.zero_grad()",
            "        loss.backward()",
            "        optimizer.step()",
        ] + (decay ? ["    schedule.step()"] : []) + ["    progress(epoch + 1)"]
            + s.earlyStoppingCheck(weights: "copy.deepcopy(model.state_dict())", indent: "    ")
        let end = s.earlyStoppingEnd(restore: "model.load_state_dict(best_weights)")
        guard s.exact else {
            return lines + [
                "batches = DataLoader(TensorDataset(X_train_t, Y_train_t\(s.weighted ? ", W_train_t" : "")), batch_size=\(batch), shuffle=True,",
                "                     generator=torch.Generator().manual_seed(\(s.config.seed)))",
                "model.train()",
                "for epoch in range(\(s.epochs)):",
                "    for X_batch, Y_batch\(s.weighted ? ", W_batch" : "") in batches:",
            ] + step + end
        }
        return lines + [
            "# No DataLoader: the batches come in nnlab's order, the next permutation of the same stream (rng) each",
            "# epoch, and indexing the tensors with it gives exactly those batches.",
            "model.train()",
            "for epoch in range(\(s.epochs)):",
            "    order = torch.from_numpy(rng.permutation(len(y_train)))",
            "    for start in range(0, len(order), \(batch)):",
            "        batch = order[start:start + \(batch)]",
            s.weighted ? "        X_batch, Y_batch, W_batch = X_train_t[batch], Y_train_t[batch], W_train_t[batch]"
                       : "        X_batch, Y_batch = X_train_t[batch], Y_train_t[batch]",
        ] + (s.dropout ? ["        rng.random_sample(len(batch) * \(s.droppedUnits))  # nnlab's dropout draws, to keep the batch order in step"] : [])
            + step + end
    }

    /// torch.optim.Adam adds eps to sqrt(v) / sqrt(1 - beta2^t); nnlab and Keras add it to sqrt(v) and fold the
    /// bias correction into the step size. Measured on Example 2 with lr 0.01: test loss 2.8e-5 apart, against 1e-12.
    let adamAsNnlab = [
        "class AdamAsNnlab(torch.optim.Optimizer):",
        "    \"\"\"Adam as nnlab and Keras step: m += (g - m)(1 - b1), v += (g**2 - v)(1 - b2),",
        "    w -= lr*sqrt(1 - b2**t)/(1 - b1**t) * m / (sqrt(v) + eps). torch.optim.Adam adds eps after",
        "    dividing sqrt(v) by sqrt(1 - b2**t), which moves the loss in its fifth digit.\"\"\"",
        "",
        "    def __init__(self, params, lr, betas=(0.9, 0.999), eps=1e-7):",
        "        super().__init__(params, dict(lr=lr, betas=betas, eps=eps))",
        "",
        "    @torch.no_grad()",
        "    def step(self):",
        "        for group in self.param_groups:",
        "            (b1, b2), eps = group['betas'], group['eps']",
        "            for p in group['params']:",
        "                state = self.state[p]",
        "                if not state:",
        "                    state.update(t=0, m=torch.zeros_like(p), v=torch.zeros_like(p))",
        "                state['t'] += 1",
        "                t, m, v, g = state['t'], state['m'], state['v'], p.grad",
        "                alpha = group['lr'] * math.sqrt(1 - b2 ** t) / (1 - b1 ** t)",
        "                m.add_((g - m) * (1 - b1))",
        "                v.add_((g * g - v) * (1 - b2))",
        "                p.sub_(alpha * m / (v.sqrt() + eps))",
    ]
}
