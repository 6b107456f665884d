/// Maps method identifiers to methods and to the decoders of their container sections.
///
/// Built-in plugin families and a user's own package register the same way, through
/// `register(_:decoder:)`, so adding a method never needs a change to core code:
///
/// ```swift
/// var registry = MethodRegistry()
/// QuantizationPlugin.register(into: &registry)
/// registry.register(MyMethod(), decoder: MyTable.init(contents:))
/// ```
public struct MethodRegistry: Sendable {
    /// Rebuilds a compressed table from a container's metadata and sections.
    public typealias Decoder = @Sendable (ContainerContents) throws -> any CompressedTable

    private var methodsByIdentifier: [String: any CompressionMethod] = [:]
    private var registrationOrder: [String] = []
    private var decodersByIdentifier: [String: Decoder] = [:]

    public init() {}

    /// Registers `method` and the decoder for tables it produces. A later registration with
    /// the same identifier replaces the earlier one.
    public mutating func register(_ method: any CompressionMethod, decoder: @escaping Decoder) {
        if methodsByIdentifier[method.identifier] == nil { registrationOrder.append(method.identifier) }
        methodsByIdentifier[method.identifier] = method
        decodersByIdentifier[method.identifier] = decoder
    }

    /// Registers a decoder for a container method identifier that no registered method
    /// produces directly (for example a table exported by a training-time method).
    public mutating func registerDecoder(methodIdentifier: String, decoder: @escaping Decoder) {
        decodersByIdentifier[methodIdentifier] = decoder
    }

    /// All registered methods in registration order.
    public var methods: [any CompressionMethod] { registrationOrder.compactMap { methodsByIdentifier[$0] } }

    /// Registered post-training methods in registration order.
    public var compressors: [any TableCompressor] { methods.compactMap { $0 as? any TableCompressor } }

    /// Registered training-time methods in registration order.
    public var trainableMethods: [any TrainableEmbeddingMethod] {
        methods.compactMap { $0 as? any TrainableEmbeddingMethod }
    }

    /// The method called `identifier`.
    /// - Throws: `CompressionError.unknownMethod` listing the registered identifiers.
    public func method(named identifier: String) throws -> any CompressionMethod {
        guard let method = methodsByIdentifier[identifier] else {
            throw CompressionError.unknownMethod(name: identifier, known: registrationOrder)
        }
        return method
    }

    /// Rebuilds the compressed table stored in `contents` with the decoder of its method.
    /// - Throws: `ContainerError.unknownMethod` when no plugin registered a decoder for it.
    public func decodeTable(from contents: ContainerContents) throws -> any CompressedTable {
        let identifier = contents.metadata.methodIdentifier
        guard let decoder = decodersByIdentifier[identifier] else {
            throw ContainerError.unknownMethod(identifier: identifier, known: decodersByIdentifier.keys.sorted())
        }
        return try decoder(contents)
    }
}
