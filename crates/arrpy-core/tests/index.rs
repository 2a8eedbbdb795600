//! Index resolution (`arrpy_core::index`): slices against Python's `slice.indices`, views
//! against hand-computed layouts (C, strided, negative-stride, 0-d), every error message,
//! NumPy's placement of advanced dimensions, and a brute-force comparison of random keys with
//! a per-element walk.

use arrpy_core::index::{resolve, IndexItem, Resolved, Slice, SliceIndices};
use arrpy_core::{Array, BoolByte, DType, Error};

use IndexItem::{Ellipsis as E, Int, NewAxis as N};

fn s(start: Option<isize>, stop: Option<isize>, step: Option<isize>) -> IndexItem {
    IndexItem::Slice(Slice::new(start, stop, step))
}

fn full() -> IndexItem {
    IndexItem::Slice(Slice::FULL)
}

/// 0, 1, 2, … as float64 in `shape`, C order.
fn arange(shape: &[usize]) -> Array {
    let n: usize = shape.iter().product();
    Array::from_vec((0..n).map(|i| i as f64).collect::<Vec<_>>(), shape).unwrap()
}

fn values(a: &Array) -> Vec<f64> {
    a.to_scalars().unwrap().iter().map(|s| s.as_f64()).collect()
}

fn view(a: &Array, key: &[IndexItem]) -> Array {
    let r = resolve(a, key).unwrap();
    assert!(r.is_basic());
    r.view
}

fn err(a: &Array, key: &[IndexItem]) -> Error {
    resolve(a, key).expect_err("the key should be refused")
}

fn index_err(msg: &str) -> Error {
    Error::Index(msg.to_string())
}

// ---- slices ----

#[test]
fn slice_indices_match_python() {
    const MIN: isize = isize::MIN;
    const MAX: isize = isize::MAX;
    // (len, start, stop, step) -> (start, stop, step, len), from CPython's slice.indices and
    // len(range(len)[start:stop:step]).
    let cases: [(usize, [Option<isize>; 3], (isize, isize, isize, usize)); 14] = [
        (5, [None, None, None], (0, 5, 1, 5)),
        (5, [None, None, Some(-1)], (4, -1, -1, 5)),
        (5, [Some(-2), None, Some(-3)], (3, -1, -3, 2)),
        (5, [Some(10), Some(1), Some(-2)], (4, 1, -2, 2)),
        (5, [Some(100), Some(-100), Some(-1)], (4, -1, -1, 5)),
        (5, [Some(3), Some(3), None], (3, 3, 1, 0)),
        (5, [Some(-100), Some(100), None], (0, 5, 1, 5)),
        (0, [None, None, Some(-1)], (-1, -1, -1, 0)),
        (1, [None, None, Some(1 << 62)], (0, 1, 1 << 62, 1)),
        (5, [Some(MIN), Some(MAX), Some(1 << 62)], (0, 5, 1 << 62, 1)),
        // Python clamps the step to -isize::MAX so that it can be negated.
        (5, [None, None, Some(MIN)], (4, -1, -MAX, 1)),
        (5, [Some(MAX), Some(MIN), Some(-1)], (4, -1, -1, 5)),
        (5, [Some(MIN), None, Some(-1)], (-1, -1, -1, 0)),
        (6, [None, None, Some(4)], (0, 6, 4, 2)),
    ];
    for (len, [start, stop, step], (s0, s1, st, n)) in cases {
        let got = Slice::new(start, stop, step).indices(len).unwrap();
        let want = SliceIndices {
            start: s0,
            stop: s1,
            step: st,
            len: n,
        };
        assert_eq!(
            got, want,
            "slice({start:?}, {stop:?}, {step:?}).indices({len})"
        );
    }
}

/// Python's slicing of `range(len)`, walked one element at a time in i128 (no overflow).
fn python_slice(
    len: usize,
    start: Option<isize>,
    stop: Option<isize>,
    step: Option<isize>,
) -> Vec<usize> {
    let n = len as i128;
    let step = step.map_or(1, |s| s as i128);
    let bound = |b: Option<isize>, default: i128, lo: i128, hi: i128| match b {
        None => default,
        Some(b) => {
            let b = b as i128;
            (if b < 0 { b + n } else { b }).clamp(lo, hi)
        }
    };
    let mut out = Vec::new();
    if step > 0 {
        let (mut i, end) = (bound(start, 0, 0, n), bound(stop, n, 0, n));
        while i < end {
            out.push(i as usize);
            i += step;
        }
    } else {
        let (mut i, end) = (bound(start, n - 1, -1, n - 1), bound(stop, -1, -1, n - 1));
        while i > end {
            out.push(i as usize);
            i += step;
        }
    }
    out
}

#[test]
fn slices_select_what_python_selects() {
    let bounds = [
        None,
        Some(isize::MIN),
        Some(-1 << 40),
        Some(-7),
        Some(-5),
        Some(-2),
        Some(-1),
        Some(0),
        Some(1),
        Some(3),
        Some(5),
        Some(8),
        Some(1 << 40),
        Some(isize::MAX),
    ];
    let steps = [
        None,
        Some(isize::MIN),
        Some(-1 << 40),
        Some(-3),
        Some(-1),
        Some(1),
        Some(2),
        Some(4),
        Some(1 << 40),
        Some(isize::MAX),
    ];
    for len in [0usize, 1, 5] {
        let a = arange(&[len]);
        for start in bounds {
            for stop in bounds {
                for step in steps {
                    let got = values(&view(&a, &[s(start, stop, step)]));
                    let want: Vec<f64> = python_slice(len, start, stop, step)
                        .iter()
                        .map(|&i| i as f64)
                        .collect();
                    assert_eq!(got, want, "range({len})[{start:?}:{stop:?}:{step:?}]");
                }
            }
        }
    }
}

// ---- views against hand-computed layouts ----

#[test]
fn c_array_views() {
    let a = arange(&[3, 4]); // strides (32, 8)
    let v = view(&a, &[Int(1)]);
    assert_eq!(
        (v.shape(), v.strides(), v.offset()),
        (&[4][..], &[8][..], 32)
    );
    let v = view(&a, &[full(), s(None, None, Some(-2))]);
    assert_eq!(
        (v.shape(), v.strides(), v.offset()),
        (&[3, 2][..], &[32, -16][..], 24)
    );
    assert_eq!(values(&v), [3., 1., 7., 5., 11., 9.]);
    let v = view(&a, &[N, Int(-1), N, s(Some(1), Some(3), None)]);
    assert_eq!(
        (v.shape(), v.strides(), v.offset()),
        (&[1, 1, 2][..], &[0, 0, 8][..], 72)
    );
    assert_eq!(values(&v), [9., 10.]);
    let v = view(&a, &[E, Int(2)]);
    assert_eq!(
        (v.shape(), v.strides(), v.offset()),
        (&[3][..], &[32][..], 16)
    );
    let v = view(&a, &[Int(2), Int(3)]);
    assert_eq!((v.shape(), v.offset()), (&[][..], 88));
    assert_eq!(values(&v), [11.]);
    // An empty slice leaves the offset alone.
    let v = view(&a, &[s(Some(3), None, None), Int(1)]);
    assert_eq!((v.shape(), v.offset()), (&[0][..], 8));
    // `()` and `...` are the whole array, as a view of the same memory.
    for key in [&[][..], &[E][..]] {
        let v = view(&a, key);
        assert_eq!(
            (v.shape(), v.strides(), v.offset()),
            (a.shape(), a.strides(), 0)
        );
        assert!(v.shares_buffer(&a));
    }
}

#[test]
fn strided_and_negative_views() {
    let base = arange(&[6, 10]);
    // base[::2, 1::3]: shape (3, 3), strides (160, 24), offset 8.
    let strided = view(&base, &[s(None, None, Some(2)), s(Some(1), None, Some(3))]);
    assert_eq!(
        (strided.shape(), strided.strides(), strided.offset()),
        (&[3, 3][..], &[160, 24][..], 8)
    );
    assert_eq!(values(&strided), [1., 4., 7., 21., 24., 27., 41., 44., 47.]);
    // strided[::-1, 1]: rows reversed, one column.
    let v = view(&strided, &[s(None, None, Some(-1)), Int(1)]);
    assert_eq!(
        (v.shape(), v.strides(), v.offset()),
        (&[3][..], &[-160][..], 8 + 320 + 24)
    );
    assert_eq!(values(&v), [44., 24., 4.]);
    // A negative-stride view indexed again: base[::-1, ::-1][1:, -2] == base[4::-1, 1].
    let neg = view(&base, &[s(None, None, Some(-1)), s(None, None, Some(-1))]);
    assert_eq!(
        (neg.strides(), neg.offset()),
        (&[-80, -8][..], 5 * 80 + 9 * 8)
    );
    let v = view(&neg, &[s(Some(1), None, None), Int(-2)]);
    assert_eq!((v.shape(), v.strides()), (&[5][..], &[-80][..]));
    assert_eq!(values(&v), [41., 31., 21., 11., 1.]);
    // A transposed (F-order) array.
    let t = arange(&[2, 3]).transpose(None).unwrap();
    let v = view(&t, &[Int(2)]);
    assert_eq!(
        (v.shape(), v.strides(), v.offset()),
        (&[2][..], &[24][..], 16)
    );
    assert_eq!(values(&v), [2., 5.]);
}

#[test]
fn zero_d_views() {
    let z = Array::from_vec(vec![5.5f64], &[]).unwrap();
    assert_eq!(view(&z, &[]).shape(), &[] as &[usize]);
    assert_eq!(view(&z, &[E]).shape(), &[] as &[usize]);
    let v = view(&z, &[N, E, N]);
    assert_eq!((v.shape(), v.strides()), (&[1, 1][..], &[0, 0][..]));
    assert_eq!(values(&v), [5.5]);
    assert_eq!(
        err(&z, &[Int(0)]),
        index_err("too many indices for array: array is 0-dimensional, but 1 were indexed")
    );
}

// ---- errors ----

#[test]
fn error_messages() {
    let a = arange(&[3]);
    let b = arange(&[2, 3, 4]);
    assert_eq!(
        err(&a, &[Int(5)]),
        index_err("index 5 is out of bounds for axis 0 with size 3")
    );
    assert_eq!(
        err(&a, &[Int(-4)]),
        index_err("index -4 is out of bounds for axis 0 with size 3")
    );
    assert_eq!(
        err(&a, &[Int(isize::MIN)]),
        index_err(&format!(
            "index {} is out of bounds for axis 0 with size 3",
            isize::MIN
        ))
    );
    // Axes are named as the caller sees them, across ellipses and new axes.
    assert_eq!(
        err(&b, &[N, E, Int(4)]),
        index_err("index 4 is out of bounds for axis 2 with size 4")
    );
    assert_eq!(
        err(&b, &[full(), N, Int(-4)]),
        index_err("index -4 is out of bounds for axis 1 with size 3")
    );
    assert_eq!(
        err(&a, &[Int(0), Int(0)]),
        index_err("too many indices for array: array is 1-dimensional, but 2 were indexed")
    );
    assert_eq!(
        err(&b, &[E, full(), Int(0), full(), Int(0)]),
        index_err("too many indices for array: array is 3-dimensional, but 4 were indexed")
    );
    assert_eq!(
        err(&b, &[E, N, E]),
        index_err("an index can only have a single ellipsis ('...')")
    );
    assert_eq!(
        err(&a, &[s(None, None, Some(0))]),
        Error::Value("slice step cannot be zero".into())
    );
    let many: Vec<IndexItem> = (0..64).map(|_| N).collect();
    assert_eq!(
        err(&a, &many),
        index_err("number of dimensions must be within [0, 64], indexing result would have 65")
    );
    assert_eq!(view(&a, &many[..63]).ndim(), 64);
}

// ---- advanced items: placement and shapes (gathers come with issue 12) ----

fn int_array(shape: &[usize]) -> IndexItem {
    let n: usize = shape.iter().product();
    IndexItem::int_array(Array::from_vec(vec![0i64; n], shape).unwrap())
}

fn mask(values: &[bool], shape: &[usize]) -> IndexItem {
    let bytes: Vec<BoolByte> = values.iter().map(|&b| b.into()).collect();
    IndexItem::mask(Array::from_vec(bytes, shape).unwrap())
}

fn result_shape(r: &Resolved) -> Vec<usize> {
    r.result_shape(&r.index_shape().unwrap()).unwrap().to_vec()
}

#[test]
fn advanced_dimensions_go_where_numpy_puts_them() {
    let c = arange(&[3, 4, 5]);
    let b = arange(&[3, 4]);
    let i2 = || int_array(&[2]);
    // Shapes from NumPy 2.4.
    let cases: Vec<(&Array, Vec<IndexItem>, Vec<usize>)> = vec![
        (&c, vec![i2(), full(), i2()], vec![2, 4]),
        (&c, vec![i2(), Int(0), i2()], vec![2]),
        (&c, vec![Int(0), full(), i2()], vec![2, 4]),
        (&c, vec![i2(), N, i2()], vec![2, 1, 5]),
        (&c, vec![full(), i2(), E, i2()], vec![2, 3]),
        (&c, vec![full(), N, i2(), i2()], vec![3, 1, 2]),
        (&c, vec![full(), i2(), mask(&[true], &[]), i2()], vec![3, 2]),
        (&c, vec![mask(&[true], &[]), i2(), full(), i2()], vec![2, 4]),
        (
            &c,
            vec![full(), int_array(&[2, 1]), int_array(&[3])],
            vec![3, 2, 3],
        ),
        (&b, vec![mask(&[true], &[])], vec![1, 3, 4]),
        (&b, vec![full(), mask(&[true], &[])], vec![3, 1, 4]),
        (&b, vec![full(), mask(&[false], &[])], vec![3, 0, 4]),
        (
            &b,
            vec![mask(&[true], &[]), full(), mask(&[true], &[])],
            vec![1, 3, 4],
        ),
        (&b, vec![E, mask(&[true], &[])], vec![3, 4, 1]),
        (&b, vec![mask(&[true, false, true], &[3])], vec![2, 4]),
        (
            &b,
            vec![N, full(), mask(&[true, false, true, true], &[4])],
            vec![1, 3, 3],
        ),
        (
            &c,
            vec![mask(
                &[
                    true, false, false, true, true, false, true, false, false, false, false, true,
                ],
                &[3, 4],
            )],
            vec![5, 5],
        ),
    ];
    for (a, key, want) in cases {
        let r = resolve(a, &key).unwrap();
        assert!(!r.is_basic());
        assert_eq!(result_shape(&r), want, "{key:?}");
    }
}

#[test]
fn advanced_items_keep_their_axes_in_the_view() {
    let c = arange(&[3, 4, 5]);
    let r = resolve(&c, &[N, Int(1), int_array(&[2]), s(None, None, Some(2))]).unwrap();
    assert_eq!(r.view.shape(), &[1, 4, 3]);
    assert_eq!(r.view.offset(), 160);
    assert_eq!(r.advanced.len(), 1);
    assert_eq!((r.advanced[0].axis, r.advanced[0].axes()), (1, 1));
    assert_eq!(r.advanced_at, 1);
    let r = resolve(&c, &[full(), mask(&[true; 20], &[4, 5])]).unwrap();
    assert_eq!((r.advanced[0].axis, r.advanced[0].axes()), (1, 2));
    assert_eq!(r.view.shape(), &[3, 4, 5]);
}

#[test]
fn advanced_errors() {
    let b = arange(&[3, 4]);
    assert_eq!(
        err(&b, &[mask(&[true; 15], &[3, 5])]),
        index_err("boolean index did not match indexed array along axis 1; size of axis is 4 but size of corresponding boolean axis is 5")
    );
    assert_eq!(
        err(&b, &[mask(&[true; 60], &[3, 4, 5])]),
        index_err("too many indices for array: array is 2-dimensional, but 3 were indexed")
    );
    let float_index = IndexItem::int_array(Array::from_vec(vec![0.5f64], &[1]).unwrap());
    assert_eq!(
        err(&b, &[float_index]),
        index_err("arrays used as indices must be of integer (or boolean) type")
    );
    let r = resolve(&b, &[int_array(&[2]), int_array(&[3])]).unwrap();
    assert_eq!(
        r.index_shape().unwrap_err(),
        index_err(
            "shape mismatch: indexing arrays could not be broadcast together with shapes (2,) (3,)"
        )
    );
    let wide = Array::zeros(DType::Float64, &[1; 40]).unwrap();
    let key: Vec<IndexItem> = vec![int_array(&[1; 30])];
    let r = resolve(&wide, &key).unwrap();
    assert_eq!(
        r.result_shape(&r.index_shape().unwrap()).unwrap_err(),
        index_err("number of dimensions must be within [0, 64], indexing result would have 69")
    );
}

// ---- brute force: random keys against a per-element walk ----

/// A small deterministic generator (no new crates).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
    fn bound(&mut self) -> Option<isize> {
        [
            None,
            Some(-9),
            Some(-3),
            Some(-1),
            Some(0),
            Some(1),
            Some(2),
            Some(4),
            Some(9),
            Some(isize::MAX),
            Some(isize::MIN),
        ][self.next(11)]
    }
}

/// The element of `a` that position `out` of `a[key]` reads, found by walking the key.
fn walk(a: &Array, key: &[IndexItem], out: &[usize]) -> f64 {
    let consumed = key
        .iter()
        .filter(|k| matches!(k, Int(_) | IndexItem::Slice(_)))
        .count();
    let mut src = Vec::new();
    let mut out = out.iter();
    for item in key {
        let d = a.shape().get(src.len()).copied().unwrap_or(0);
        match item {
            Int(i) => src.push(if *i < 0 {
                (*i + d as isize) as usize
            } else {
                *i as usize
            }),
            IndexItem::Slice(sl) => {
                src.push(python_slice(d, sl.start, sl.stop, sl.step)[*out.next().unwrap()])
            }
            N => {
                out.next();
            }
            E => {
                for _ in 0..a.ndim() - consumed {
                    src.push(*out.next().unwrap());
                }
            }
            _ => unreachable!(),
        }
    }
    src.extend(out);
    a.get(&src).unwrap().as_f64()
}

#[test]
fn random_keys_match_a_per_element_walk() {
    let base = arange(&[4, 5, 6]);
    let layouts = [
        base.clone(),
        view(
            &base,
            &[
                s(None, None, Some(-1)),
                s(Some(1), None, Some(2)),
                s(None, None, Some(-2)),
            ],
        ),
        base.transpose(Some(&[2, 0, 1])).unwrap(),
    ];
    let mut rng = Lcg(20261202);
    for case in 0..3000 {
        let a = &layouts[case % layouts.len()];
        let mut key = Vec::new();
        let mut left = a.ndim();
        let mut ellipsis = false;
        for _ in 0..rng.next(5) {
            match rng.next(6) {
                0 | 1 if left > 0 => {
                    let d = a.shape()[a.ndim() - left] as isize;
                    key.push(Int(rng.next(2 * d as usize) as isize - d));
                    left -= 1;
                }
                2 | 3 if left > 0 => {
                    let step = [
                        None,
                        Some(1),
                        Some(2),
                        Some(-1),
                        Some(-3),
                        Some(isize::MAX),
                        Some(isize::MIN),
                    ][rng.next(7)];
                    key.push(s(rng.bound(), rng.bound(), step));
                    left -= 1;
                }
                4 if !ellipsis => {
                    key.push(E);
                    ellipsis = true;
                }
                _ => key.push(N),
            }
        }
        // Ints and slices are chosen for the axes after the ones already taken, so an
        // ellipsis must not stand before them: put it last when one was drawn.
        if ellipsis {
            let at = key.iter().position(|k| matches!(k, E)).unwrap();
            key.remove(at);
            key.push(E);
        }
        let v = view(a, &key);
        let got = values(&v);
        let mut want = Vec::with_capacity(got.len());
        let mut pos = vec![0usize; v.ndim()];
        for _ in 0..v.size() {
            want.push(walk(a, &key, &pos));
            for ax in (0..pos.len()).rev() {
                pos[ax] += 1;
                if pos[ax] < v.shape()[ax] {
                    break;
                }
                pos[ax] = 0;
            }
        }
        assert_eq!(
            got,
            want,
            "case {case}: {key:?} on shape {:?} strides {:?}",
            a.shape(),
            a.strides()
        );
    }
}

/// Integer indices in memory misaligned for int64 (foreign memory, e.g. a NumPy buffer at an
/// odd offset, which arrpy borrows as it is) are read byte by byte: a typed copy from a
/// misaligned pointer is undefined behaviour (debug builds abort on it).
#[test]
fn indices_in_misaligned_memory_are_read() {
    let words: [i64; 4] = [2, -1, 0, 3];
    let mut bytes = vec![0u8; 1];
    bytes.extend(words.iter().flat_map(|w| w.to_le_bytes()));
    let raw = Array::from_vec(bytes, &[33]).unwrap();
    let shifted = raw.slice_axis(0, 1, 1, 32);
    let idx = arrpy_core::ops::manipulate::views::view_as_dtype(&shifted, DType::Int64).unwrap();
    assert_ne!(
        idx.data_ptr() as usize % 8,
        0,
        "the view must be misaligned"
    );
    assert_eq!(idx.to_vec::<i64>().unwrap(), words);
    let normalized = arrpy_core::ops::index::normalized_indices(&idx, 5, 0).unwrap();
    assert_eq!(normalized, [2, 4, 0, 3]);
}
