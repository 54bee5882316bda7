import NNCore

/// What `model ... dropout=R batchnorm=on` sets, for every hidden layer alike.
struct ModelOptions: Equatable {
    var dropout = 0.0
    var batchNorm = false

    /// The options `hidden` was built with (those of its first layer; the command gives all the same).
    init(_ hidden: [LayerSpec]) {
        dropout = hidden.first?.dropout ?? 0
        batchNorm = hidden.first?.batchNorm ?? false
    }

    init() {}

    func applied(to layer: LayerSpec) -> LayerSpec {
        var layer = layer
        layer.dropout = dropout
        layer.batchNorm = batchNorm
        return layer
    }
}
