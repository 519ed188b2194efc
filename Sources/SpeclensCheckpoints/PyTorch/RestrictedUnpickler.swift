/// A pickle reader that understands only what a PyTorch state dict needs and never calls
/// anything: the opcodes of protocols 2–5 that build plain data (numbers, strings, bytes, tuples,
/// lists, dicts), `GLOBAL`/`STACK_GLOBAL` of the names in ``TorchGlobal``, `REDUCE` of those
/// globals (an empty `OrderedDict`, a tensor view, a parameter, a `torch.Size`), `BUILD` on a dict
/// or tensor (its attributes ignored), the memo, and `BINPERSID` through a caller's function.
/// A container that would hold itself (through the memo) is refused: a state dict never does.
/// Any other global, any other opcode (`INST`, `OBJ`, `NEWOBJ`, extension codes, the text
/// opcodes of protocol 0), nesting deeper than ``maximumDepth`` and any malformed stream throw
/// ``PickleError``.
struct RestrictedUnpickler {
    /// Deepest nesting of containers accepted (a state dict needs 4).
    static let maximumDepth = 64
    /// Longest integer accepted by `LONG1`/`LONG4`, in bytes.
    static let maximumIntegerBytes = 64

    private let bytes: UnsafeRawBufferPointer
    /// Read position, an offset into `bytes`.
    private(set) var position: Int
    /// Turns a persistent id into a value (a storage reference).
    private let persistentLoad: (PickleValue) throws -> PickleValue

    private var stack: [(value: PickleValue, depth: Int)] = []
    private var marks: [Int] = []
    private var memo: [Int: PickleValue] = [:]

    /// A reader of the pickle starting at `start` in `bytes`.
    init(_ bytes: UnsafeRawBufferPointer, start: Int = 0, persistentLoad: @escaping (PickleValue) throws -> PickleValue)
    {
        self.bytes = bytes
        self.position = start
        self.persistentLoad = persistentLoad
    }

    /// Reads one pickle up to its `STOP` and returns its value; ``position`` is then just past it.
    mutating func load() throws -> PickleValue {
        stack = []
        marks = []
        memo = [:]
        while true {
            let opcode = try byte()
            if opcode == 0x2E {  // STOP
                guard let top = stack.popLast(), stack.isEmpty, marks.isEmpty else {
                    throw malformed("STOP with \(stack.count) value(s) left on the stack")
                }
                return top.value
            }
            try step(opcode)
        }
    }

    // MARK: - Opcodes

    private mutating func step(_ opcode: UInt8) throws {
        switch opcode {
        case 0x80: _ = try byte()  // PROTO
        case 0x95: _ = try take(8)  // FRAME: a length hint only
        case 0x28: marks.append(stack.count)  // MARK
        case 0x30: _ = try pop()  // POP
        case 0x31: _ = try popMark()  // POP_MARK
        case 0x32: push(try top())  // DUP
        case 0x4E: push(.none)
        case 0x88: push(.bool(true))
        case 0x89: push(.bool(false))
        case 0x4A: push(.int(Int(Int32(bitPattern: UInt32(try unsigned(4))))))  // BININT
        case 0x4B: push(.int(try unsigned(1)))  // BININT1
        case 0x4D: push(.int(try unsigned(2)))  // BININT2
        case 0x8A: push(try long(length: try unsigned(1)))  // LONG1
        case 0x8B: push(try long(length: try unsigned(4)))  // LONG4
        case 0x47: push(.float(Double(bitPattern: try bigEndian8())))  // BINFLOAT
        case 0x58: push(.string(try text(length: try unsigned(4))))  // BINUNICODE
        case 0x8C: push(.string(try text(length: try unsigned(1))))  // SHORT_BINUNICODE
        case 0x8D: push(.string(try text(length: try unsigned(8))))  // BINUNICODE8
        case 0x54: push(.string(try latin1(length: try unsigned(4))))  // BINSTRING
        case 0x55: push(.string(try latin1(length: try unsigned(1))))  // SHORT_BINSTRING
        case 0x42: push(.bytes(try take(try unsigned(4))))  // BINBYTES
        case 0x43: push(.bytes(try take(try unsigned(1))))  // SHORT_BINBYTES
        case 0x8E: push(.bytes(try take(try unsigned(8))))  // BINBYTES8
        case 0x29: push(.tuple([]))  // EMPTY_TUPLE
        case 0x74: try pushTuple(try popMark())  // TUPLE
        case 0x85: try pushTuple(try pop(1))  // TUPLE1
        case 0x86: try pushTuple(try pop(2))  // TUPLE2
        case 0x87: try pushTuple(try pop(3))  // TUPLE3
        case 0x5D: push(.list(PickleList()))  // EMPTY_LIST
        case 0x6C: try append(try popMark(), to: PickleList(), pushing: true)  // LIST
        case 0x61: try appendToTop(try pop(1))  // APPEND
        case 0x65: try appendToTop(try popMark())  // APPENDS
        case 0x7D: push(.dict(PickleDict()))  // EMPTY_DICT
        case 0x64: try set(try popMark(), in: PickleDict(), pushing: true)  // DICT
        case 0x73: try setInTop(try pop(2))  // SETITEM
        case 0x75: try setInTop(try popMark())  // SETITEMS
        case 0x63: try pushGlobal(module: try line(), name: try line())  // GLOBAL
        case 0x93: try stackGlobal()  // STACK_GLOBAL
        case 0x52: try reduce()  // REDUCE
        case 0x62: try build()  // BUILD
        case 0x71: memo[try unsigned(1)] = try top().value  // BINPUT
        case 0x72: memo[try unsigned(4)] = try top().value  // LONG_BINPUT
        case 0x94: memo[memo.count] = try top().value  // MEMOIZE
        case 0x68: try get(try unsigned(1))  // BINGET
        case 0x6A: try get(try unsigned(4))  // LONG_BINGET
        case 0x51: push(try persistentLoad(try pop().value))  // BINPERSID
        default:
            throw malformed(
                String(format: "opcode 0x%02x is not one a state dict uses (it may build arbitrary objects)", opcode))
        }
    }

    // MARK: - Reading bytes

    private mutating func take(_ count: Int) throws -> [UInt8] {
        guard count >= 0, count <= bytes.count - position else {
            throw malformed("a \(count)-byte argument runs past the end of the pickle")
        }
        defer { position += count }
        return [UInt8](UnsafeRawBufferPointer(rebasing: bytes[position..<(position + count)]))
    }

    private mutating func byte() throws -> UInt8 {
        guard position < bytes.count else { throw malformed("the pickle ends without STOP") }
        defer { position += 1 }
        return bytes[position]
    }

    /// A little-endian unsigned integer of `count` bytes (at most 8; 8-byte values above Int.max
    /// are refused).
    private mutating func unsigned(_ count: Int) throws -> Int {
        var value: UInt64 = 0
        for (index, byte) in try take(count).enumerated() { value |= UInt64(byte) << (8 * UInt64(index)) }
        guard let result = Int(exactly: value) else { throw malformed("a length of \(value) bytes") }
        return result
    }

    private mutating func bigEndian8() throws -> UInt64 {
        try take(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    private mutating func long(length: Int) throws -> PickleValue {
        guard length <= Self.maximumIntegerBytes else { throw malformed("an integer of \(length) bytes") }
        let digits = try take(length)
        guard digits.count <= 8 else { return .largeInt(digits) }
        var value: UInt64 = 0
        for (index, byte) in digits.enumerated() { value |= UInt64(byte) << (8 * UInt64(index)) }
        if let last = digits.last, last & 0x80 != 0, digits.count < 8 {
            value |= ~0 << (8 * UInt64(digits.count))  // sign-extend
        }
        return .int(Int(Int64(bitPattern: value)))
    }

    private mutating func text(length: Int) throws -> String {
        guard let string = String(validating: try take(length), as: UTF8.self) else {
            throw malformed("a string that is not valid UTF-8")
        }
        return string
    }

    private mutating func latin1(length: Int) throws -> String {
        String(try take(length).map { Character(Unicode.Scalar($0)) })
    }

    /// A newline-terminated ASCII line (GLOBAL's arguments), at most 256 bytes.
    private mutating func line() throws -> String {
        var characters: [UInt8] = []
        while true {
            let next = try byte()
            if next == 0x0A { break }
            guard characters.count < 256, next >= 0x20, next < 0x7F else {
                throw malformed("a GLOBAL name that is not a short ASCII line")
            }
            characters.append(next)
        }
        return String(decoding: characters, as: UTF8.self)
    }

    // MARK: - The stack

    private mutating func push(_ value: PickleValue) {
        push((value, Self.depth(of: value)))
    }

    private mutating func push(_ entry: (value: PickleValue, depth: Int)) {
        stack.append(entry)
    }

    private func top() throws -> (value: PickleValue, depth: Int) {
        guard let last = stack.last, stack.count > (marks.last ?? 0) else {
            throw malformed("an opcode needs a value on an empty stack")
        }
        return last
    }

    private mutating func pop() throws -> (value: PickleValue, depth: Int) {
        let last = try top()
        stack.removeLast()
        return last
    }

    private mutating func pop(_ count: Int) throws -> [(value: PickleValue, depth: Int)] {
        guard stack.count - (marks.last ?? 0) >= count else {
            throw malformed("an opcode needs \(count) values on the stack")
        }
        defer { stack.removeLast(count) }
        return Array(stack.suffix(count))
    }

    private mutating func popMark() throws -> [(value: PickleValue, depth: Int)] {
        guard let mark = marks.popLast() else { throw malformed("an opcode needs a MARK") }
        defer { stack.removeSubrange(mark...) }
        return Array(stack[mark...])
    }

    /// The nesting depth of a freshly made value (containers carry theirs).
    private static func depth(of value: PickleValue) -> Int {
        switch value {
        case .list(let list): return list.depth
        case .dict(let dict): return dict.depth
        case .tensor: return 2
        default: return 1
        }
    }

    private func checked(_ depth: Int) throws -> Int {
        guard depth <= Self.maximumDepth else {
            throw malformed("values nested deeper than \(Self.maximumDepth) levels")
        }
        return depth
    }

    // MARK: - Containers

    private mutating func pushTuple(_ items: [(value: PickleValue, depth: Int)]) throws {
        let depth = try checked(1 + (items.map(\.depth).max() ?? 0))
        push((.tuple(items.map(\.value)), depth))
    }

    private mutating func appendToTop(_ items: [(value: PickleValue, depth: Int)]) throws {
        guard case .list(let list) = try top().value else {
            throw malformed("APPEND to a \(try top().value.kind), not a list")
        }
        try append(items, to: list, pushing: false)
    }

    private mutating func append(_ items: [(value: PickleValue, depth: Int)], to list: PickleList, pushing: Bool) throws
    {
        try refuseCycle(ObjectIdentifier(list), items)
        list.items += items.map(\.value)
        list.depth = try checked(max(list.depth, 1 + (items.map(\.depth).max() ?? 0)))
        if pushing { push(.list(list)) }
    }

    private mutating func setInTop(_ items: [(value: PickleValue, depth: Int)]) throws {
        guard case .dict(let dict) = try top().value else {
            throw malformed("SETITEM on a \(try top().value.kind), not a dict")
        }
        try set(items, in: dict, pushing: false)
    }

    private mutating func set(_ items: [(value: PickleValue, depth: Int)], in dict: PickleDict, pushing: Bool) throws {
        guard items.count % 2 == 0 else { throw malformed("SETITEMS with an odd number of values") }
        try refuseCycle(ObjectIdentifier(dict), items)
        for index in stride(from: 0, to: items.count, by: 2) {
            dict.entries.append((items[index].value, items[index + 1].value))
        }
        dict.depth = try checked(max(dict.depth, 1 + (items.map(\.depth).max() ?? 0)))
        if pushing { push(.dict(dict)) }
    }

    /// Throws when `container` is reachable from any of `items` (inserting them would make it
    /// hold itself).
    private func refuseCycle(_ container: ObjectIdentifier, _ items: [(value: PickleValue, depth: Int)]) throws {
        var visited: Set<ObjectIdentifier> = []
        var pending = items.map(\.value)
        while let value = pending.popLast() {
            let children: [PickleValue]
            let identity: ObjectIdentifier
            switch value {
            case .tuple(let members):
                pending += members
                continue
            case .list(let list): (identity, children) = (ObjectIdentifier(list), list.items)
            case .dict(let dict):
                (identity, children) = (ObjectIdentifier(dict), dict.entries.flatMap { [$0.key, $0.value] })
            default: continue
            }
            guard identity != container else {
                throw malformed("a container that holds itself (a recursive memo reference)")
            }
            if visited.insert(identity).inserted { pending += children }
        }
    }

    private mutating func get(_ index: Int) throws {
        guard let value = memo[index] else { throw malformed("memo entry \(index) read before it was written") }
        push(value)
    }

    // MARK: - Globals and their application

    private mutating func pushGlobal(module: String, name: String) throws {
        guard let global = TorchGlobal(module: module, name: name) else {
            throw PickleError.refusedGlobal(module + "." + name)
        }
        push(.global(global))
    }

    private mutating func stackGlobal() throws {
        let pair = try pop(2)
        guard case .string(let module) = pair[0].value, case .string(let name) = pair[1].value else {
            throw malformed("STACK_GLOBAL needs two strings")
        }
        try pushGlobal(module: module, name: name)
    }

    /// `REDUCE`: applies an allow-listed global to its argument tuple, building the value
    /// itself; nothing is called.
    private mutating func reduce() throws {
        let pair = try pop(2)
        guard case .global(let global) = pair[0].value else {
            throw malformed("REDUCE of a \(pair[0].value.kind), not of an allow-listed global")
        }
        guard case .tuple(let arguments) = pair[1].value else { throw malformed("REDUCE arguments are not a tuple") }
        switch global {
        case .orderedDict:
            guard arguments.isEmpty else { throw malformed("OrderedDict called with arguments") }
            push(.dict(PickleDict()))
        case .rebuildTensor:
            push(.tensor(try TorchTensorRebuild.tensor(arguments, malformed: malformed)))
        case .rebuildParameter:
            guard (3...4).contains(arguments.count), case .tensor(let tensor) = arguments[0] else {
                throw malformed("_rebuild_parameter needs a tensor, requires_grad and hooks")
            }
            push(.tensor(tensor))
        case .size:
            guard arguments.count == 1, case .tuple = arguments[0] else {
                throw malformed("torch.Size needs one tuple")
            }
            push(pair[1].depth > 1 ? (arguments[0], pair[1].depth - 1) : (arguments[0], 1))
        case .storageType, .dtype:
            throw malformed("\(global.qualifiedName) is not called in a state dict")
        }
    }

    /// `BUILD`: sets the state of the object below; a dict's or tensor's attributes are ignored.
    private mutating func build() throws {
        _ = try pop()
        switch try top().value {
        case .dict, .tensor: return
        case let other: throw malformed("BUILD on a \(other.kind)")
        }
    }

    private func malformed(_ reason: String) -> PickleError {
        .malformed(reason, position: position)
    }
}
