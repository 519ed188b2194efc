/// Every failure of the checkpoint library. Each message names the file (and the tensor where
/// one is involved), says what is wrong, and says what the user can do about it.
///
/// Sizes and offsets in the cases are in bytes. Safetensors offsets in the validation cases are
/// relative to the start of the data buffer (after the 8-byte length and the header), as in
/// the file header.
public enum CheckpointError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file or folder could not be read (missing, unreadable, a folder where a file was
    /// expected); `reason` is the system's explanation.
    case fileUnreadable(file: String, reason: String)
    /// The file is shorter than the 8-byte header length prefix; `byteCount` is its size.
    case headerTooSmall(file: String, byteCount: Int)
    /// The header length prefix exceeds the 100,000,000-byte limit of the reference reader.
    case headerTooLarge(file: String, headerLength: UInt64)
    /// The header length prefix points past the end of the file (`8 + headerLength > byteCount`).
    case invalidHeaderLength(file: String, headerLength: UInt64, byteCount: Int)
    /// The JSON header is not valid: bad UTF-8 or JSON, a missing or ill-typed field, an unknown
    /// dtype, or a duplicated tensor name. `reason` says which.
    case invalidHeader(file: String, reason: String)
    /// Tensor data offsets are not contiguous: sorted by offsets, each tensor must begin where the
    /// previous one ended (the first at 0), and end no earlier than it begins.
    case invalidOffset(file: String, tensor: String, begin: Int, end: Int, expectedBegin: Int)
    /// The element count or byte size computed from a tensor's shape overflows a 64-bit integer.
    case validationOverflow(file: String, tensor: String, shape: [Int])
    /// A tensor's byte range length differs from its shape's element count × its dtype size.
    case tensorInvalidInfo(file: String, tensor: String, expectedBytes: Int, actualBytes: Int)
    /// The last tensor does not end at the end of the data buffer.
    case metadataIncompleteBuffer(file: String, dataEnd: Int, bufferLength: Int)
    /// No tensor of that name exists in the file or checkpoint.
    case tensorNotFound(file: String, tensor: String)
    /// The tensor is not 2-D, so it cannot be read as a matrix.
    case notAMatrix(file: String, tensor: String, shape: [Int])
    /// The tensor's dtype cannot be converted to float32 (only F32, F16, BF16, F64 can, and only
    /// F32, F16, BF16 can be written).
    case unsupportedDType(file: String, tensor: String, dtype: String)
    /// The tensor holds NaN or ±Inf values (after conversion to float32): `count` of them, the
    /// first at row-major flat index `firstIndex`.
    case nonFiniteValues(file: String, tensor: String, count: Int, firstIndex: Int)
    /// The folder holds no checkpoint speclens can read; `lookedFor` lists the file names tried.
    case noCheckpointFound(path: String, lookedFor: [String])
    /// A sharded checkpoint's `model.safetensors.index.json` is unusable: bad JSON, no
    /// `weight_map`, a shard path leaving the folder, a missing shard, or a tensor absent from its shard.
    case invalidIndex(file: String, reason: String)
    /// The same tensor name occurs in two files of one checkpoint.
    case duplicateTensor(tensor: String, firstFile: String, secondFile: String)
    /// `adapter_config.json` is unusable or inconsistent with the adapter's tensors; `reason` says how.
    case invalidAdapterConfig(file: String, reason: String)
    /// The adapter uses a PEFT feature speclens does not support (a non-LoRA PEFT type).
    case unsupportedAdapterFeature(file: String, feature: String)
    /// LoRA factor shapes disagree with each other, with the config, or with the base weight
    /// they should modify.
    case adapterShapeMismatch(file: String, module: String, reason: String)
    /// The checkpoint is quantised (GPTQ/AWQ packed `qweight` + `scales`/`qzeros`/`g_idx`,
    /// bitsandbytes U8/I8 `weight` + `absmax`/`quant_map`/`quant_state`/`SCB`, or a
    /// `quantization_config` in `config.json`); `evidence` says what was found.
    case quantizedCheckpoint(path: String, evidence: String)
    /// Writing a safetensors file failed (bad tensor name, size overflow, I/O error).
    case writeFailed(file: String, reason: String)
    /// A PyTorch checkpoint's pickle names a global a state dict never needs (file, `module.name`);
    /// nothing was run.
    case pickleGlobalRefused(file: String, global: String)
    /// A PyTorch checkpoint that is damaged or that speclens does not read (file, why).
    case invalidPyTorchCheckpoint(file: String, reason: String)

    /// One message in words: file, tensor, what is wrong, what to do.
    public var description: String {
        switch self {
        case .fileUnreadable(let file, let reason):
            return "\(file): cannot be read (\(reason)). Check the path and its permissions."
        case .headerTooSmall(let file, let byteCount):
            return
                "\(file): only \(byteCount) bytes, too short for a safetensors file (8-byte header length expected). The file is truncated or not safetensors; download or convert it again."
        case .headerTooLarge(let file, let headerLength):
            return
                "\(file): header length \(headerLength) bytes exceeds the 100,000,000-byte limit. The file is corrupt or not safetensors; download or convert it again."
        case .invalidHeaderLength(let file, let headerLength, let byteCount):
            return
                "\(file): header length \(headerLength) bytes runs past the end of the \(byteCount)-byte file. The file is truncated or not safetensors; download or convert it again."
        case .invalidHeader(let file, let reason):
            return
                "\(file): invalid safetensors header: \(reason). The file is corrupt or was written by a faulty tool; download or convert it again."
        case .invalidOffset(let file, let tensor, let begin, let end, let expectedBegin):
            return
                "\(file): tensor \"\(tensor)\" has data offsets [\(begin), \(end)] but should begin at \(expectedBegin) and end no earlier than it begins (tensors must be contiguous, without gaps or overlaps). The file is corrupt; download or convert it again."
        case .validationOverflow(let file, let tensor, let shape):
            return
                "\(file): tensor \"\(tensor)\" has shape \(shape) whose size overflows 64-bit arithmetic. The header is corrupt; download or convert the file again."
        case .tensorInvalidInfo(let file, let tensor, let expectedBytes, let actualBytes):
            return
                "\(file): tensor \"\(tensor)\" occupies \(actualBytes) bytes but its shape and dtype need \(expectedBytes). The header is corrupt; download or convert the file again."
        case .metadataIncompleteBuffer(let file, let dataEnd, let bufferLength):
            return
                "\(file): tensor data ends at byte \(dataEnd) of a \(bufferLength)-byte data buffer; the header does not describe the whole buffer. The file is truncated or corrupt; download or convert it again."
        case .tensorNotFound(let file, let tensor):
            return "\(file): no tensor named \"\(tensor)\". Check the name against the checkpoint's tensor list."
        case .notAMatrix(let file, let tensor, let shape):
            return
                "\(file): tensor \"\(tensor)\" has shape \(shape), not a 2-D matrix. Only 2-D weights can be compared; leave it out of the selection."
        case .unsupportedDType(let file, let tensor, let dtype):
            return
                "\(file): tensor \"\(tensor)\" has dtype \(dtype), which speclens cannot convert to float32 (supported: F32, F16, BF16, F64 for reading; F32, F16, BF16 for writing). Convert the checkpoint to one of these types first."
        case .nonFiniteValues(let file, let tensor, let count, let firstIndex):
            return
                "\(file): tensor \"\(tensor)\" holds \(count) NaN or infinite value(s) as float32, the first at flat index \(firstIndex) (row-major). A spectrum of such a matrix is meaningless; fix the training run or exclude the tensor."
        case .noCheckpointFound(let path, let lookedFor):
            return
                "\(path): no checkpoint found; looked for \(lookedFor.joined(separator: ", ")). Pass a .safetensors or PyTorch .bin file, a folder holding one of these, or a PEFT adapter folder with adapter_config.json."
        case .invalidIndex(let file, let reason):
            return
                "\(file): invalid sharded-checkpoint index: \(reason). Download the checkpoint again or fix the index."
        case .duplicateTensor(let tensor, let firstFile, let secondFile):
            return
                "tensor \"\(tensor)\" occurs in both \(firstFile) and \(secondFile); a checkpoint must hold each tensor once. Remove the stray shard or download the checkpoint again."
        case .invalidAdapterConfig(let file, let reason):
            return
                "\(file): invalid PEFT adapter: \(reason). Check that the folder holds an unmodified PEFT LoRA adapter."
        case .unsupportedAdapterFeature(let file, let feature):
            return
                "\(file): the adapter uses \(feature), which speclens does not support yet. Merge the adapter into the base model (PEFT `merge_and_unload()` then `save_pretrained`) and compare the merged model as a full fine-tune."
        case .adapterShapeMismatch(let file, let module, let reason):
            return
                "\(file): LoRA module \"\(module)\": \(reason). The adapter is corrupt or was trained on a different base model; check the base model you passed."
        case .quantizedCheckpoint(let path, let evidence):
            return
                "\(path): a quantised checkpoint (\(evidence)). speclens does not support quantised weights: their spectra would be those of the quantisation grid. Use the unquantised (float16/bfloat16/float32) base model the quantised one was made from; a QLoRA adapter is compared against that unquantised base."
        case .writeFailed(let file, let reason):
            return "\(file): cannot write safetensors file: \(reason)."
        case .pickleGlobalRefused(let file, let global):
            return
                "\(file): its pickle names \(global), which a PyTorch state dict never needs; loading it with torch could run code, so speclens refused the file without running anything. Only use this file if you trust its source, and then convert it to safetensors in a sandbox."
        case .invalidPyTorchCheckpoint(let file, let reason):
            return
                "\(file): not a PyTorch state dict speclens can read: \(reason). Download the file again, or convert it to safetensors (`safetensors.torch.save_file`)."
        }
    }
}
