//! The hot loops of two workloads of the shared suite (workloads/benchmarks), in Rust:
//! nbody.py's System.advance and spectral_norm.py's mul_ata. Each does the same floating-
//! point operations in the same order as the Python (Rust contracts nothing into fused
//! multiply-adds), so results match the Python ones bit for bit and the workloads keep
//! their checks.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// Bodies as a flat list of floats, seven per body: x, y, z, vx, vy, vz, mass.
const FIELDS: usize = 7;

/// nbody.py's System.advance(dt, steps) on BODIES (x, y, z, vx, vy, vz, mass per body, in
/// nbody.py's order); returns the bodies after STEPS steps, in the same layout.
#[pyfunction]
fn nbody_advance(mut bodies: Vec<f64>, dt: f64, steps: u64) -> PyResult<Vec<f64>> {
    if bodies.len() % FIELDS != 0 {
        return Err(PyValueError::new_err(format!(
            "nbody_advance takes {FIELDS} floats per body, not {} in all",
            bodies.len()
        )));
    }
    let n = bodies.len() / FIELDS;
    for _ in 0..steps {
        for i in 0..n {
            for j in i + 1..n {
                let (a, b) = (i * FIELDS, j * FIELDS);
                let dx = bodies[a] - bodies[b];
                let dy = bodies[a + 1] - bodies[b + 1];
                let dz = bodies[a + 2] - bodies[b + 2];
                let d2 = dx * dx + dy * dy + dz * dz;
                let mag = dt / (d2 * d2.sqrt());
                let bm = bodies[b + 6] * mag;
                let am = bodies[a + 6] * mag;
                bodies[a + 3] -= dx * bm;
                bodies[a + 4] -= dy * bm;
                bodies[a + 5] -= dz * bm;
                bodies[b + 3] += dx * am;
                bodies[b + 4] += dy * am;
                bodies[b + 5] += dz * am;
            }
        }
        for b in (0..n).map(|k| k * FIELDS) {
            bodies[b] += dt * bodies[b + 3];
            bodies[b + 1] += dt * bodies[b + 4];
            bodies[b + 2] += dt * bodies[b + 5];
        }
    }
    Ok(bodies)
}

/// spectral_norm.py's a_entry(i, j): 1 / ((i + j) * (i + j + 1) / 2 + i + 1).
fn a_entry(i: usize, j: usize) -> f64 {
    let s = i + j;
    1.0 / ((s * (s + 1) / 2 + i + 1) as f64)
}

/// spectral_norm.py's mul_ata(v, out, tmp), returning OUT: A^T A V.
#[pyfunction]
fn spectral_mul_ata(v: Vec<f64>) -> Vec<f64> {
    let n = v.len();
    let tmp: Vec<f64> = (0..n)
        .map(|i| (0..n).fold(0.0, |total, j| total + a_entry(i, j) * v[j]))
        .collect();
    (0..n)
        .map(|i| (0..n).fold(0.0, |total, j| total + a_entry(j, i) * tmp[j]))
        .collect()
}

#[pymodule]
fn implmatrix_kernels(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(nbody_advance, m)?)?;
    m.add_function(wrap_pyfunction!(spectral_mul_ata, m)?)?;
    Ok(())
}
