#![no_main]

use libfuzzer_sys::fuzz_target;

// Bytes, not text: the compiler reads files as bytes and reports the ones that are not UTF-8.
fuzz_target!(|data: &[u8]| {
    quire_fuzz::compile(data);
});
