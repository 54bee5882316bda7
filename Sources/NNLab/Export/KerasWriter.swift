import NNCore

/// Keras 3: a Sequential model ending in a logit (k classes: `Dense(k, activation='softmax')` and a sparse
/// categorical loss, which Keras computes from the logits under the softmax). Exact: nnlab's kernels, float64, one `train_on_batch`
/// per batch in nnlab's order. Otherwise: Keras' initialisers and `fit` on a tf.data pipeline reshuffled every epoch.
struct KerasWriter: FrameworkWriter {
    let title = "Keras"
    let needs = "numpy and Keras 3 with TensorFlow (pip install numpy keras tensorflow-cpu)"

    func imports(_ s: PythonScript) -> [String] {
        ["import keras"] + (s.exact ? [] : ["import tensorflow as tf"])
    }

    func model(_ s: PythonScript) -> [String] {
        let l2 = s.config.l2 > 0, l1 = s.config.l1 > 0
        let regularizer = l1 ? ", kernel_regularizer=penalty" : l2 ? ", kernel_regularizer=l2" : ""
        let setup = s.exact
            ? ["keras.config.set_floatx('float64')  # nnlab computes in double precision"]
                + (s.dropout ? ["keras.utils.set_random_seed(\(s.config.seed))  # Keras' dropout masks"] : [])
            : ["keras.utils.set_random_seed(\(s.config.seed))"]
        let penalty = l1 ? ["# l1= and l2= add l1 * sum(|w|) + l2 * sum(w**2) of each layer's kernel to the loss, as in nnlab.",
                            "penalty = keras.regularizers.L1L2(l1=\(PythonScript.number(s.config.l1)), l2=\(PythonScript.number(s.config.l2)))"]
            : l2 ? ["# l2= adds l2 * sum(w**2) of each layer's kernel to the loss, as in nnlab.",
                    "l2 = keras.regularizers.l2(\(PythonScript.number(s.config.l2)))"] : []
        let plain = s.hidden.allSatisfy { $0.dropout == 0 && !$0.batchNorm }
        return setup + penalty
            + ["model = keras.Sequential([", "    keras.Input(shape=(\(s.features),)),"]
            + s.hidden.flatMap { layer($0, regularizer: regularizer) }
            + (s.manyClasses ? ["    keras.layers.Dense(\(s.classes), activation='softmax'\(regularizer)),  # a probability per class", "])"]
                             : ["    keras.layers.Dense(1\(regularizer)),  # the logit", "])"])
            + (s.exact ? [plain ? "for layer, kernel in zip(model.layers, kernels):"
                                : "for layer, kernel in zip([l for l in model.layers if isinstance(l, keras.layers.Dense)], kernels):",
                          "    layer.set_weights([kernel, np.zeros(kernel.shape[1])])"] : [])
            + ["", ""] + (s.manyClasses ? logitsBeforeSoftmax
                          : ["def logits(X):", "    return keras.ops.convert_to_numpy(model(X, training=False))"])
    }

    /// The last layer's softmax hides the logits that nnlab measures with: they are its kernel and bias applied
    /// to what the layers below give.
    let logitsBeforeSoftmax = [
        "def logits(X):",
        "    \"\"\"The logits under the softmax: the last layer's kernel and bias on what the layers below give.\"\"\"",
        "    last = model.layers[-1]",
        "    h = keras.ops.convert_to_tensor(X, dtype=last.kernel.dtype)",
        "    for layer in model.layers[:-1]:",
        "        h = layer(h, training=False)",
        "    return keras.ops.convert_to_numpy(keras.ops.matmul(h, last.kernel) + last.bias)",
    ]

    /// One hidden layer: what a `LayerSpec` field adds (a dropout rate, batch norm) becomes lines here.
    /// Batch norm goes between the dense part and the activation, as nnlab puts it.
    func layer(_ spec: LayerSpec, regularizer: String) -> [String] {
        (spec.batchNorm ? ["    keras.layers.Dense(\(spec.units)\(regularizer)),",
                           "    keras.layers.BatchNormalization(momentum=0.99, epsilon=1e-3),",
                           "    keras.layers.Activation('\(spec.activation.rawValue)'),"]
                        : ["    keras.layers.Dense(\(spec.units), activation='\(spec.activation.rawValue)'\(regularizer)),"])
            + (spec.dropout > 0 ? ["    keras.layers.Dropout(\(PythonScript.number(spec.dropout))),"] : [])
    }

    func training(_ s: PythonScript) -> [String] {
        let batch = s.config.batch
        let decay = s.config.lrDecay != 1
        let optimizer = s.optimizerCall("keras.optimizers", rate: "learning_rate", rateValue: decay ? "schedule" : nil,
                                        replacing: s.exact ? [.rmsprop: "RMSpropAsNnlab"] : [:],
                                        extras: [.adam: "epsilon=1e-7", .rmsprop: s.exact ? nil : "rho=0.9, epsilon=1e-7"].compactMapValues { $0 },
                                        notes: [.adam: "Keras' Adam is nnlab's, epsilon added to sqrt(v)",
                                                .rmsprop: s.exact ? "divides by sqrt(v) + epsilon, as nnlab"
                                                    : "Keras 3 divides by sqrt(v + epsilon); nnlab and PyTorch by sqrt(v) + epsilon"])
        var lines = ["# 6. Training: \(s.trainingSummary)."]
        if s.exact && s.config.optimizer == .rmsprop { lines += rmspropAsNnlab + ["", ""] }
        if decay {
            lines += [
                "# lr_decay=: the rate times \(PythonScript.number(s.config.lrDecay)) after every epoch (an epoch's steps, staircase), as nnlab.",
                "steps = -(-len(y_train) // \(s.config.batch))",
                "schedule = keras.optimizers.schedules.ExponentialDecay(\(PythonScript.number(s.config.learningRate)), decay_steps=steps,",
                "                                                       decay_rate=\(PythonScript.number(s.config.lrDecay)), staircase=True)",
            ]
        }
        lines += [
            "optimizer = \(optimizer)",
        ] + (s.manyClasses ? [
            "# Keras computes this loss from the logits under the last layer's softmax (stable, as nnlab does).",
            "model.compile(optimizer=optimizer, loss=keras.losses.SparseCategoricalCrossentropy()"
                + (s.exact ? ", jit_compile=False)" : ")"),
        ] : [
            "model.compile(optimizer=optimizer, loss=keras.losses.BinaryCrossentropy(from_logits=True)"
                + (s.exact ? ", jit_compile=False)" : ")"),
        ]) + [
            "Y_train = y_train.reshape(-1, 1).astype(X_train.dtype)",
        ] + s.classWeightLines
        let weights = s.weighted ? ", class_weight=class_weight" : ""
        let patience = s.config.patience
        guard s.exact else {
            let stopping = patience > 0
                ? ["# Early stopping on the held-out rows; Keras' val_loss includes any l1/l2 penalty, nnlab's does not.",
                   "stopping = keras.callbacks.EarlyStopping(monitor='val_loss', patience=\(patience), restore_best_weights=True)"] : []
            return lines + stopping + [
                "# A tf.data pipeline that reshuffles the batches every epoch, and a progress line from a callback.",
                "batches = (tf.data.Dataset.from_tensor_slices((X_train.astype('float32'), Y_train.astype('float32')))",
                "           .shuffle(len(y_train), seed=\(s.config.seed), reshuffle_each_iteration=True).batch(\(batch)))",
                "model.fit(batches, epochs=\(s.epochs), verbose=0\(weights),"
                    + (patience > 0 ? " validation_data=(X_val.astype('float32'), y_val.reshape(-1, 1).astype('float32'))," : ""),
                "          callbacks=[keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: progress(epoch + 1))"
                    + (patience > 0 ? ", stopping])" : "])"),
            ]
        }
        let masks = s.dropout
            ? ["        rng.random_sample(len(batch) * \(s.droppedUnits))  # nnlab's dropout draws, to keep the batch order in step"] : []
        return lines + s.earlyStoppingStart + [
            "# The batches of each epoch in nnlab's order: the next permutation of the same stream (rng), one",
            "# train_on_batch each (one fit per epoch would cost far more for the same steps).",
            "for epoch in range(\(s.epochs)):",
            "    order = rng.permutation(len(y_train))",
            "    for start in range(0, len(order), \(batch)):",
            "        batch = order[start:start + \(batch)]",
        ] + masks + [
            "        model.train_on_batch(X_train[batch], Y_train[batch]\(weights))",
            "    progress(epoch + 1)",
        ] + s.earlyStoppingCheck(weights: "model.get_weights()", indent: "    ")
            + s.earlyStoppingEnd(restore: "model.set_weights(best_weights)")
    }

    /// Keras 3's RMSprop divides by sqrt(v + epsilon); nnlab's (and PyTorch's) by sqrt(v) + epsilon, which at
    /// these sizes of v moves the loss in its second digit.
    let rmspropAsNnlab = [
        "class RMSpropAsNnlab(keras.optimizers.Optimizer):",
        "    \"\"\"RMSprop as nnlab and PyTorch step: s = rho*s + (1 - rho)*g**2, w -= lr*g / (sqrt(s) + epsilon).",
        "    Keras 3's own RMSprop divides by sqrt(s + epsilon) instead.\"\"\"",
        "",
        "    def __init__(self, learning_rate, rho=0.9, epsilon=1e-7, **kwargs):",
        "        super().__init__(learning_rate=learning_rate, **kwargs)",
        "        self.rho, self.epsilon = rho, epsilon",
        "",
        "    def build(self, variables):",
        "        if self.built:",
        "            return",
        "        super().build(variables)",
        "        self.averages = [self.add_variable_from_reference(v, 'average') for v in variables]",
        "",
        "    def update_step(self, gradient, variable, learning_rate):",
        "        lr = keras.ops.cast(learning_rate, variable.dtype)",
        "        g = keras.ops.cast(gradient, variable.dtype)",
        "        s = self.averages[self._get_variable_index(variable)]",
        "        self.assign(s, self.rho * s + (1 - self.rho) * keras.ops.square(g))",
        "        self.assign_sub(variable, lr * g / (keras.ops.sqrt(s) + self.epsilon))",
    ]
}
