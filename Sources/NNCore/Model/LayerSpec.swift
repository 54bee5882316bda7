/// One hidden layer as the learner describes it (`dense16 relu`): the one description of a layer
/// that the network, fixes, the session, save files and the exporters all share. What a layer
/// may grow next (a dropout rate, batch norm) becomes a field here, and every one of them sees it.
public struct LayerSpec: Equatable, Hashable, Codable, Sendable {
    public var units: Int
    public var activation: Activation

    public init(units: Int, activation: Activation) {
        self.units = units
        self.activation = activation
    }

    /// `LayerSpec(16, .relu)`, as short as the command's `dense16 relu`.
    public init(_ units: Int, _ activation: Activation) {
        self.init(units: units, activation: activation)
    }
}
