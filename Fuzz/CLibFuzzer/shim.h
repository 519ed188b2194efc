// libFuzzer's driver entry point (compiler-rt's libclang_rt.fuzzer_no_main), so that a fuzz target
// can keep its own `main`: SwiftPM renames every executable's main, which libFuzzer's own main
// cannot stand in for. `make fuzz` links the library; nothing else uses this header.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
