//! Gather and scatter (`arrpy_core::ops::index`): results against per-element walks at every
//! tier (sizes above the parallel threshold), NumPy's placement of advanced dimensions, errors,
//! last-write-wins scatters, overlap, and inputs untouched by a failing scatter.

use arrpy_core::index::{IndexItem, Slice};
use arrpy_core::kernels::{set_tier, Tier};
use arrpy_core::ops::index::{get, set, take, Mode};
use arrpy_core::{Array, BoolByte, Casting, DType, Error};

fn arange(shape: &[usize]) -> Array {
    let n: usize = shape.iter().product();
    Array::from_vec((0..n).map(|i| i as f64).collect::<Vec<_>>(), shape).unwrap()
}

fn ints(v: &[i64], shape: &[usize]) -> IndexItem {
    IndexItem::int_array(Array::from_vec(v.to_vec(), shape).unwrap())
}

fn mask(v: &[bool], shape: &[usize]) -> IndexItem {
    let bytes: Vec<BoolByte> = v.iter().map(|&b| b.into()).collect();
    IndexItem::mask(Array::from_vec(bytes, shape).unwrap())
}

fn full() -> IndexItem {
    IndexItem::Slice(Slice::FULL)
}

fn values(a: &Array) -> Vec<f64> {
    a.to_scalars().unwrap().iter().map(|s| s.as_f64()).collect()
}

#[test]
fn every_tier_gathers_the_same_elements() {
    let n = 200_003;
    let a = arange(&[n]);
    let rev = a.slice_axis(0, n - 1, -1, n);
    let m: Vec<bool> = (0..n).map(|i| i % 3 == 0 || i % 7 == 0).collect();
    let idx: Vec<i64> = (0..n as i64 / 2)
        .map(|i| (i * 7919) % n as i64 - n as i64 / 2)
        .collect();
    let want_mask: Vec<f64> = (0..n)
        .filter(|&i| m[i])
        .map(|i| (n - 1 - i) as f64)
        .collect();
    let want_take: Vec<f64> = idx
        .iter()
        .map(|&i| (n as i64 - 1 - i.rem_euclid(n as i64)) as f64)
        .collect();
    let grid = arange(&[n / 7, 7]);
    let rows: Vec<i64> = (0..(n / 7) as i64).rev().collect();
    for tier in Tier::ALL {
        set_tier(tier);
        assert_eq!(
            values(&get(&rev, &[mask(&m, &[n])]).unwrap()),
            want_mask,
            "{tier:?}"
        );
        assert_eq!(
            values(&get(&rev, &[ints(&idx, &[idx.len()])]).unwrap()),
            want_take
        );
        // Rows reversed and columns 1..6 reversed: a general gather with an inner block.
        let key = [
            ints(&rows, &[rows.len()]),
            IndexItem::Slice(Slice::new(Some(5), Some(0), Some(-1))),
        ];
        let r = get(&grid, &key).unwrap();
        assert_eq!(r.shape(), &[n / 7, 5]);
        let v = values(&r);
        for (k, &row) in rows.iter().enumerate().step_by(997) {
            for c in 0..5 {
                assert_eq!(v[k * 5 + c], (row as usize * 7 + 5 - c) as f64);
            }
        }
        // Scatter with repeated indices: the last write wins.
        let t = arange(&[10]);
        let value = Array::from_vec(vec![1.0, 2.0, 3.0, 4.0], &[4]).unwrap();
        set(&t, &[ints(&[3, 5, 3, -7], &[4])], &value, Casting::SameKind).unwrap();
        assert_eq!(values(&t)[3], 4.0);
        assert_eq!(values(&t)[5], 2.0);
    }
    set_tier(Tier::Parallel);
}

#[test]
fn separated_advanced_items_go_first() {
    let a = arange(&[2, 3, 4]);
    // a[[0, 1], :, [3, 0]] has shape (2, 3): the advanced dimension first.
    let r = get(&a, &[ints(&[0, 1], &[2]), full(), ints(&[3, 0], &[2])]).unwrap();
    assert_eq!(r.shape(), &[2, 3]);
    assert_eq!(values(&r), vec![3.0, 7.0, 11.0, 12.0, 16.0, 20.0]);
    // a[:, [[0], [2]], [1, 2]] keeps it in place: shape (2, 2, 2).
    let r = get(&a, &[full(), ints(&[0, 2], &[2, 1]), ints(&[1, 2], &[2])]).unwrap();
    assert_eq!(r.shape(), &[2, 2, 2]);
    assert_eq!(values(&r)[..4], [1.0, 2.0, 9.0, 10.0]);
    // A partial mask over the leading axes, then a slice.
    let m = [true, false, false, false, true, true];
    let r = get(
        &a,
        &[
            mask(&m, &[2, 3]),
            IndexItem::Slice(Slice::new(Some(2), None, None)),
        ],
    )
    .unwrap();
    assert_eq!(values(&r), vec![2.0, 3.0, 18.0, 19.0, 22.0, 23.0]);
    // 0-d masks add a length-1 or length-0 dimension.
    assert_eq!(
        get(&a, &[mask(&[true], &[])]).unwrap().shape(),
        &[1, 2, 3, 4]
    );
    assert_eq!(
        get(&a, &[mask(&[false], &[])]).unwrap().shape(),
        &[0, 2, 3, 4]
    );
}

#[test]
fn bad_indices_name_numpy_errors_and_write_nothing() {
    let a = arange(&[5, 4]);
    let before = values(&a);
    let err = get(&a, &[full(), ints(&[1, -5], &[2])]).unwrap_err();
    assert_eq!(
        err,
        Error::Index("index -5 is out of bounds for axis 1 with size 4".into())
    );
    let value = Array::scalar(DType::Float64, arrpy_core::Scalar::Float(-1.0)).unwrap();
    let err = set(&a, &[ints(&[0, 2, 5], &[3])], &value, Casting::SameKind).unwrap_err();
    assert_eq!(
        err,
        Error::Index("index 5 is out of bounds for axis 0 with size 5".into())
    );
    assert_eq!(values(&a), before);
    let err = get(&a, &[ints(&[0, 1], &[2]), ints(&[0, 1, 2], &[3])]).unwrap_err();
    assert!(matches!(err, Error::Index(m) if m.contains("shapes (2,) (3,)")));
    let floats = IndexItem::int_array(Array::from_vec(vec![1.0f64], &[1]).unwrap());
    assert!(matches!(get(&a, &[floats]), Err(Error::Index(_))));
    let wide = Array::from_vec(vec![1.0f64; 3], &[3]).unwrap();
    let err = set(&a, &[ints(&[0, 1], &[2])], &wide, Casting::SameKind).unwrap_err();
    assert!(matches!(err, Error::Value(m) if m.contains("value array of shape (3,)")));
    assert_eq!(values(&a), before);
}

#[test]
fn overlapping_values_are_read_before_writing() {
    let a = arange(&[6]);
    let rev = a.slice_axis(0, 5, -1, 6);
    set(
        &a,
        &[ints(&[0, 1, 2, 3, 4, 5], &[6])],
        &rev,
        Casting::SameKind,
    )
    .unwrap();
    assert_eq!(values(&a), vec![5.0, 4.0, 3.0, 2.0, 1.0, 0.0]);
}

#[test]
fn take_modes() {
    let a = arange(&[2, 3]);
    let idx = Array::from_vec(vec![-4i64, 4], &[2]).unwrap();
    let r = take(&a, &idx, Some(1), Mode::Wrap).unwrap();
    assert_eq!(values(&r), vec![2.0, 1.0, 5.0, 4.0]);
    let r = take(&a, &idx, None, Mode::Clip).unwrap();
    assert_eq!(values(&r), vec![0.0, 4.0]);
    assert!(matches!(
        take(&a, &idx, Some(1), Mode::Raise),
        Err(Error::Index(_))
    ));
}

#[test]
fn nonzero_positions_match_a_walk_at_every_tier() {
    use arrpy_core::ops::index::{argwhere, flatnonzero, nonzero};
    // 400 x 501 floats: zeros, -0.0 (zero) and NaN (non-zero) among them; viewed reversed along
    // both axes and strided along the last, so every walk crosses rows and chunk edges.
    let (rows, cols) = (400, 501);
    let data: Vec<f64> = (0..rows * cols)
        .map(|i| match i % 7 {
            0 | 3 => 0.0,
            1 => -0.0,
            5 if i % 11 == 0 => f64::NAN,
            _ => i as f64,
        })
        .collect();
    let a = Array::from_vec(data.clone(), &[rows, cols]).unwrap();
    let view = a
        .slice_axis(0, rows - 1, -1, rows)
        .slice_axis(1, cols - 1, -2, cols.div_ceil(2));
    let vcols = cols.div_ceil(2);
    let mut want_flat = Vec::new();
    let mut want_rows = Vec::new();
    for r in 0..rows {
        for c in 0..vcols {
            let x = data[(rows - 1 - r) * cols + (cols - 1 - 2 * c)];
            if x != 0.0 {
                want_flat.push((r * vcols + c) as i64);
                want_rows.extend([r as i64, c as i64]);
            }
        }
    }
    let count = want_flat.len();
    for tier in Tier::ALL {
        set_tier(tier);
        let flat = flatnonzero(&view).unwrap();
        assert_eq!(flat.to_vec::<i64>().unwrap(), want_flat, "{tier:?}");
        let coords = argwhere(&view).unwrap();
        assert_eq!(coords.shape(), &[count, 2]);
        assert_eq!(coords.to_vec::<i64>().unwrap(), want_rows, "{tier:?}");
        let per_axis = nonzero(&view).unwrap();
        for (d, axis) in per_axis.iter().enumerate() {
            let want: Vec<i64> = want_rows.iter().skip(d).step_by(2).copied().collect();
            assert_eq!(axis.to_vec::<i64>().unwrap(), want, "{tier:?} axis {d}");
        }
    }
    set_tier(Tier::Parallel);
    let zero_d = Array::from_vec(vec![1.5f64], &[]).unwrap();
    assert!(matches!(nonzero(&zero_d), Err(Error::Value(_))));
    assert_eq!(argwhere(&zero_d).unwrap().shape(), &[1, 0]);
}
