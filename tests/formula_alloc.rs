//! The array paths of a formula allocate nothing: the lab calls them in every training step,
//! which must not allocate.
#![cfg(not(target_arch = "wasm32"))]

use actviz::formula::Formula;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// Counts allocations per thread, so a test can assert that a code path allocates nothing.
struct CountingAllocator;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(pointer, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

fn allocations_during(work: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    work();
    ALLOCATIONS.with(Cell::get) - before
}

#[test]
fn evaluating_arrays_allocates_nothing() {
    let f = Formula::parse("where(x > 0, x * tanh(softplus(x)), leaky_relu(x, 0.2) + max(x, -1)^2)").unwrap();
    let xs: Vec<f64> = (0..1000).map(|i| f64::from(i) / 100.0 - 5.0).collect();
    let xs32: Vec<f32> = xs.iter().map(|&x| x as f32).collect();
    let (mut out, mut out32, mut gradients) = (vec![0.0; 1000], vec![0.0f32; 1000], vec![1.0f32; 1000]);
    let counted = allocations_during(|| {
        f.eval_many(&xs, &mut out);
        f.derivative_many(&xs, &mut out);
        f.forward_f32(&xs32, &mut out32);
        f.backward_f32(&xs32, &mut gradients);
        let _ = (f.eval(0.5), f.eval_dual(0.5));
    });
    assert_eq!(counted, 0);
    // The counter counts: parsing allocates.
    assert!(allocations_during(|| drop(Formula::parse("x").unwrap())) > 0);
    let (v, d) = f.eval_dual(f64::from(xs32[999]));
    assert_eq!((out32[999], gradients[999]), (v as f32, d as f32));
}
