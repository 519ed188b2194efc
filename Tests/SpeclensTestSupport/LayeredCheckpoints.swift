import Foundation
import SpeclensCheckpoints

/// Small layered models for tests, as single safetensors files: a base of `layers × modules`
/// matrices and variants of it (fine-tunes), each matrix of a variant made from the base's.
public struct LayeredCheckpoints {
    /// The number of layers.
    public let layers: Int
    /// The module names of each layer, in order (e.g. `["q", "k"]`).
    public let modules: [String]
    /// The tensor name of a layer's module, e.g. `layers.0.q.weight`.
    public let name: (_ layer: Int, _ module: String) -> String

    /// A model of `layers` layers of `modules`, its tensors named by `name` (default
    /// `layers.LAYER.MODULE.weight`).
    public init(
        layers: Int, modules: [String],
        name: @escaping (_ layer: Int, _ module: String) -> String = { "layers.\($0).\($1).weight" }
    ) {
        self.layers = layers
        self.modules = modules
        self.name = name
    }

    /// Writes the base to `folder/baseFile` and each variant to `folder/FILE`, and returns the paths
    /// (the base's first). Matrices are made layer by layer, module by module: first the base's
    /// (`base(layer, module)`), then each variant's from it, in the order given, so that a
    /// seeded source used by the closures gives the same values every time.
    @discardableResult
    public func write(
        into folder: String, baseFile: String = "base.safetensors",
        base: (_ layer: Int, _ module: String) -> Matrix,
        variants: [(file: String, make: (_ base: Matrix, _ layer: Int, _ module: String) -> Matrix)]
    ) throws -> [String] {
        var tensors = Array(repeating: [(name: String, matrix: Matrix)](), count: variants.count + 1)
        for layer in 0..<layers {
            for module in modules {
                let w0 = base(layer, module)
                tensors[0].append((name(layer, module), w0))
                for (index, variant) in variants.enumerated() {
                    tensors[index + 1].append((name(layer, module), variant.make(w0, layer, module)))
                }
            }
        }
        let paths = ([baseFile] + variants.map(\.file)).map { (folder as NSString).appendingPathComponent($0) }
        for (path, list) in zip(paths, tensors) { try SafetensorsWriter.write(list, to: path) }
        return paths
    }
}
