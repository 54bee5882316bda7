/// One hidden layer as the learner describes it (`dense16 relu`): the one description of a layer
/// that the network, fixes, the session, save files and the exporters all share. What a layer
/// may grow next becomes a field here, and every one of them sees it.
public struct LayerSpec: Equatable, Hashable, Codable, Sendable {
    public var units: Int
    public var activation: Activation
    /// The share of this layer's outputs dropped in training (Keras `Dropout(rate)` after it); 0 is none.
    public var dropout: Double
    /// Batch normalisation between the layer's dense part and its activation (Keras
    /// `BatchNormalization()`, momentum 0.99, epsilon 1e-3).
    public var batchNorm: Bool

    public init(units: Int, activation: Activation, dropout: Double = 0, batchNorm: Bool = false) {
        self.units = units
        self.activation = activation
        self.dropout = dropout
        self.batchNorm = batchNorm
    }

    /// `LayerSpec(16, .relu)`, as short as the command's `dense16 relu`.
    public init(_ units: Int, _ activation: Activation) {
        self.init(units: units, activation: activation)
    }

    private enum CodingKeys: String, CodingKey { case units, activation, dropout, batchNorm }

    /// Files saved before dropout and batch norm existed read as layers without them; a layer without
    /// them is written as it always was.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(units: try c.decode(Int.self, forKey: .units), activation: try c.decode(Activation.self, forKey: .activation),
                  dropout: try c.decodeIfPresent(Double.self, forKey: .dropout) ?? 0,
                  batchNorm: try c.decodeIfPresent(Bool.self, forKey: .batchNorm) ?? false)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(units, forKey: .units)
        try c.encode(activation, forKey: .activation)
        if dropout != 0 { try c.encode(dropout, forKey: .dropout) }
        if batchNorm { try c.encode(batchNorm, forKey: .batchNorm) }
    }
}
