// libFuzzer's documented driver entry point (compiler-rt, FuzzerInterface.h), declared for the
// Swift harnesses. It lives in the libFuzzer runtime that `-sanitize=fuzzer` links in.
//
// Why it is needed: on Linux SwiftPM links every executable with `main` aliased to the
// module's own entry function (so that tests can import executables), which keeps libFuzzer's
// `main` out of the link. Each harness's main.swift therefore starts libFuzzer itself, handing
// it the harness's LLVMFuzzerTestOneInput.
#ifndef CFUZZDRIVER_H
#define CFUZZDRIVER_H

#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer with the command line (flags, corpus folders or files to replay) on `callback`.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
