//! Giving the memory of a load back to the system.
//!
//! Loading the national workspace parses every file into a TOML tree before reading any, so the
//! heap peaks at about 230 MB while what the server then holds (model, analysis, file texts) is
//! about 110 MB. glibc's malloc keeps what was freed: the load runs on a worker thread, whose
//! arena cannot shrink from the top as the main heap does, so the process stayed at 266 MB after
//! the first load and at 466 MB after a reload (the reload's peak in another arena, while the old
//! snapshot was still served). `malloc_trim(0)` hands every free page of every arena back
//! (`benches/serve/memory.sh` prints the figures). It runs once after each load is served, not per
//! request: it walks the heap, a few milliseconds.

/// Returns freed heap memory to the system, where the allocator keeps it otherwise.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free pages of the allocator's own arenas; it takes no
    // pointer and is thread-safe (it locks each arena).
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(all(test, target_os = "linux", target_env = "gnu"))]
mod tests {
    use super::*;

    fn resident_kb() -> usize {
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    }

    #[test]
    fn freed_memory_that_malloc_keeps_is_given_back() {
        // As after a load: many blocks freed between ones still held, so that no free space is
        // at the top of the heap where malloc would give it back by itself.
        const BLOCKS: usize = 4096;
        let mut freed: Vec<Vec<u8>> = Vec::with_capacity(BLOCKS);
        let mut kept: Vec<Vec<u8>> = Vec::with_capacity(BLOCKS);
        for _ in 0..BLOCKS {
            freed.push(vec![1; 16 << 10]);
            kept.push(vec![1; 64]);
        }
        drop(freed);
        let before = resident_kb();
        give_back();
        let after = resident_kb();
        assert!(
            before.saturating_sub(after) > 32 << 10,
            "{before} kB before, {after} kB after: 64 MB were freed"
        );
        drop(kept);
    }
}
