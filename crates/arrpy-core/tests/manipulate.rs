//! Manipulation in core: the blocked copy of transposes gives the reference loop's bytes at every
//! tier and layout, views share memory, and bad arguments are errors naming what is wrong.

use arrpy_core::kernels::trace;
use arrpy_core::kernels::{set_tier, Tier};
use arrpy_core::ops::manipulate::{edit, order, pad, repeat, roll, split, tri, views};
use arrpy_core::{Array, DType, Error, Scalar};

fn ramp(shape: &[usize]) -> Array {
    let n: usize = shape.iter().product();
    Array::from_vec((0..n as i64).collect::<Vec<i64>>(), shape).unwrap()
}

fn ints(a: &Array) -> Vec<i64> {
    a.to_vec::<i64>().unwrap()
}

/// The C-order values of `a`, read one element at a time (no copy kernel involved).
fn naive(a: &Array) -> Vec<i64> {
    (0..a.size())
        .map(|k| match a.get_flat(k).unwrap() {
            Scalar::Int(v) => v,
            s => panic!("{s:?}"),
        })
        .collect()
}

#[test]
fn transposed_copies_are_identical_at_every_tier() {
    let base = ramp(&[70, 3, 90]);
    let cases = [
        base.transpose(None).unwrap(),
        base.transpose(Some(&[2, 0, 1])).unwrap(),
        views::flip(&base.transpose(None).unwrap(), Some(&[0])).unwrap(),
        views::swapaxes(&base, 0, 2).unwrap().slice_axis(1, 1, 1, 2),
    ];
    for view in &cases {
        let want = naive(view);
        for tier in Tier::ALL {
            set_tier(tier);
            trace::take(true);
            let c = order::as_layout(view, order::Order::C, None).unwrap();
            let runs = trace::take(false);
            assert!(c.is_c_contiguous());
            assert_eq!(ints(&c), want, "{tier:?} {view:?}");
            let blocked = runs.keys().any(|(op, _)| *op == "copy_blocked");
            assert_eq!(
                blocked,
                tier != Tier::Reference,
                "{tier:?} {view:?} {runs:?}"
            );
        }
    }
    set_tier(Tier::Parallel);
}

#[test]
fn views_share_memory_and_copies_do_not() {
    let a = ramp(&[3, 4]);
    for v in [
        views::flip(&a, None).unwrap(),
        views::moveaxis(&a, &[0], &[-1]).unwrap(),
        views::diagonal(&a, 1, 0, 1).unwrap(),
        views::atleast_nd(&a, 3),
        roll::rot90(&a, 1, &[0, 1]).unwrap(),
    ] {
        assert!(v.shares_buffer(&a));
    }
    assert!(views::diagonal(&a, 0, 0, 1).unwrap().readonly());
    let parts = split::split(&a, &split::Sections::Count(2), 1, true).unwrap();
    assert!(parts.iter().all(|p| p.shares_buffer(&a)));
    for c in [
        repeat::tile(&a, &[2]).unwrap(),
        roll::roll(&a, &[1], None).unwrap(),
        tri::triangle(&a, 0, false).unwrap(),
        order::flatten(&a, order::Order::C).unwrap(),
    ] {
        assert!(!c.shares_buffer(&a));
    }
}

#[test]
fn values_of_copies() {
    let a = ramp(&[2, 3]);
    assert_eq!(
        ints(&repeat::repeat(&a, &[2], Some(1)).unwrap()),
        [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    );
    assert_eq!(
        ints(&repeat::repeat(&a, &[0, 2], Some(0)).unwrap()),
        [3, 4, 5, 3, 4, 5]
    );
    assert_eq!(
        ints(&repeat::tile(&a, &[1, 2]).unwrap()),
        [0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5]
    );
    assert_eq!(
        ints(&roll::roll(&a, &[1], Some(&[1])).unwrap()),
        [2, 0, 1, 5, 3, 4]
    );
    assert_eq!(
        ints(&tri::triangle(&a, 0, true).unwrap()),
        [0, 1, 2, 0, 4, 5]
    );
    let flat = ramp(&[4]);
    let widths = pad::pad_widths(&[vec![2, 3]], 1).unwrap();
    assert_eq!(
        ints(&pad::pad(&flat, &widths, &pad::PadMode::Reflect).unwrap()),
        [2, 1, 0, 1, 2, 3, 2, 1, 0]
    );
    assert_eq!(
        ints(&pad::pad(&flat, &widths, &pad::PadMode::Symmetric).unwrap()),
        [1, 0, 0, 1, 2, 3, 3, 2, 1]
    );
    assert_eq!(
        ints(&pad::pad(&flat, &widths, &pad::PadMode::Wrap).unwrap()),
        [2, 3, 0, 1, 2, 3, 0, 1, 2]
    );
    assert_eq!(
        ints(&edit::delete(&flat, &edit::DeleteSpec::Indices(vec![0, -1]), None).unwrap()),
        [1, 2]
    );
    assert_eq!(
        ints(&edit::resize(&flat, &[6]).unwrap()),
        [0, 1, 2, 3, 0, 1]
    );
    let v = Array::from_vec(vec![9i64], &[1]).unwrap();
    assert_eq!(
        ints(
            &edit::insert(
                &flat,
                &edit::InsertSpec::Indices(vec![1, 1], DType::Int64),
                &v,
                None
            )
            .unwrap()
        ),
        [0, 9, 9, 1, 2, 3]
    );
    // NumPy shifts indices in their dtype: unsigned ones cannot take the shifts, a narrow one
    // must hold the axis length, and a shifted index past the dtype's range wraps.
    let idx = |i: Vec<isize>, d| edit::InsertSpec::Indices(i, d);
    let err = edit::insert(&flat, &idx(vec![1, 2], DType::UInt8), &v, None).unwrap_err();
    assert!(
        matches!(err, Error::Type(ref m) if m.contains("dtype('uint8')")),
        "{err:?}"
    );
    let long = ramp(&[128]);
    let err = edit::insert(&long, &idx(vec![0, 1], DType::Int8), &v, None).unwrap_err();
    assert!(
        matches!(err, Error::Overflow(ref m) if m.contains("128 out of bounds for int8")),
        "{err:?}"
    );
    let wrapped = edit::insert(&ramp(&[127]), &idx(vec![0, 127], DType::Int8), &v, None).unwrap();
    assert_eq!(ints(&wrapped)[..4], [9, 9, 0, 1]); // 127 + 1 wraps to -128: position 1 of 129
    let twice = edit::insert(&flat, &idx(vec![-8, 1], DType::Int64), &v, None).unwrap_err();
    assert!(matches!(twice, Error::Value(_)), "{twice:?}");
    // A boolean obj is its true positions (NumPy 2), of any length up to the axis's + 1.
    let mask = edit::InsertSpec::Mask(vec![false, true, false, true, false]);
    assert_eq!(
        ints(&edit::insert(&flat, &mask, &v, None).unwrap()),
        [0, 9, 1, 2, 9, 3]
    );
    let beyond = edit::InsertSpec::Mask(vec![false; 5].into_iter().chain([true]).collect());
    assert!(edit::insert(&flat, &beyond, &v, None).is_err());
    let every_other = edit::InsertSpec::Slice(arrpy_core::index::Slice::new(None, None, Some(-2)));
    assert_eq!(
        ints(&edit::insert(&flat, &every_other, &v, None).unwrap()),
        [0, 9, 1, 2, 9, 3]
    );
    let z = Array::from_vec(vec![0i64, 0, 3, 0, 4, 0], &[6]).unwrap();
    assert_eq!(
        ints(&edit::trim_zeros(&z, true, true, None).unwrap()),
        [3, 0, 4]
    );
}

#[test]
fn odd_reflection_and_fortran_copies() {
    let flat = Array::from_vec(vec![1i64, 5, 2, 7], &[4]).unwrap();
    let widths = pad::pad_widths(&[vec![9, 10]], 1).unwrap();
    // NumPy: np.pad([1, 5, 2, 7], (9, 10), 'symmetric', reflect_type='odd')
    let want = [
        -11, -11, -7, -10, -5, -5, 0, -3, 1, 1, 5, 2, 7, 7, 12, 9, 13, 13, 17, 14, 19, 19, 24,
    ];
    assert_eq!(
        ints(&pad::pad(&flat, &widths, &pad::PadMode::OddReflect(true)).unwrap()),
        want
    );
    let a = ramp(&[3, 4]);
    let f = order::as_layout(&a, order::Order::F, None).unwrap();
    assert!(f.is_f_contiguous() && !f.shares_buffer(&a));
    assert_eq!(naive(&f), naive(&a));
    assert!(order::as_layout(&f, order::Order::F, None)
        .unwrap()
        .shares_buffer(&f));
}

#[test]
fn bad_arguments_are_errors() {
    let a = ramp(&[2, 3]);
    let err = split::split(&a, &split::Sections::Count(2), 1, true).unwrap_err();
    assert!(
        matches!(&err, Error::Value(m) if m.starts_with("array split does not result in an equal division")),
        "{err:?}"
    );
    assert!(matches!(
        split::split(&a, &split::Sections::Count(0), 0, false),
        Err(Error::Value(_))
    ));
    assert!(
        matches!(views::moveaxis(&a, &[0, 0], &[0, 1]), Err(Error::Value(m)) if m.contains("repeated axis"))
    );
    assert!(matches!(views::swapaxes(&a, 0, 2), Err(Error::Axis(m)) if m.contains("axis2")));
    assert!(matches!(
        views::diagonal(&a, 0, 1, -1),
        Err(Error::Value(_))
    ));
    assert!(
        matches!(views::broadcast_to(&a, &[3, 3]), Err(Error::Value(m)) if m.contains("(2, 3)") && m.contains("(3, 3)"))
    );
    assert!(
        matches!(repeat::repeat(&a, &[1, 2], Some(1)), Err(Error::Value(m)) if m.contains("(3,) (2,)"))
    );
    assert!(matches!(repeat::tile(&a, &[-1]), Err(Error::Value(_))));
    assert!(matches!(roll::rot90(&a, 1, &[0, 0]), Err(Error::Value(_))));
    assert!(
        matches!(edit::delete(&a, &edit::DeleteSpec::Indices(vec![7]), None), Err(Error::Index(m)) if m.contains("index 7"))
    );
    assert!(matches!(
        pad::pad_widths(&[vec![-1]], 2),
        Err(Error::Value(_))
    ));
    let empty = ramp(&[0]);
    let widths = pad::pad_widths(&[vec![1]], 1).unwrap();
    assert!(
        matches!(pad::pad(&empty, &widths, &pad::PadMode::Edge), Err(Error::Value(m)) if m.contains("empty axis 0"))
    );
    assert!(matches!(
        views::view_as_dtype(&a.transpose(None).unwrap(), arrpy_core::DType::Int32),
        Err(Error::Value(_))
    ));
}
