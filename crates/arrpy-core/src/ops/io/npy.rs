//! The data of a `.npy` file: read into a fresh array (byteswapped to this machine's order),
//! written from an array of any layout.

use super::header::{header_len, read_header, write_header, NpyHeader, PREFIX_LEN};
use crate::array::Array;
use crate::error::{Error, Result};
use std::io::{Read, Write};

/// Views whose elements are not in one memory order are copied in C order, in pieces of
/// about this many bytes, so writing never doubles the memory a large array takes.
pub const WRITE_CHUNK_BYTES: usize = 16 << 20;

fn io_error(e: std::io::Error) -> Error {
    Error::Io(e.to_string())
}

/// The bytes of a C-contiguous array (the pieces `for_each_piece` hands out); an error for
/// any other layout.
pub fn contiguous_bytes(a: &Array) -> Result<&[u8]> {
    if !a.is_c_contiguous() {
        return Err(Error::Value(
            "contiguous_bytes needs a C-contiguous array".into(),
        ));
    }
    if a.nbytes() == 0 {
        return Ok(&[]); // an empty foreign view's pointer may be NULL, which no slice may hold
    }
    // SAFETY: a contiguous view's `nbytes` bytes from its first element lie inside its
    // buffer (checked when the view was made), and the slice lives no longer than `a`.
    Ok(unsafe { std::slice::from_raw_parts(a.data_ptr(), a.nbytes()) })
}

/// Reverses the bytes of every element (every component, for complex) of a fresh
/// C-contiguous array: data stored in the other byte order becomes this machine's.
pub fn byteswap_in_place(a: &Array) -> Result<()> {
    a.check_writeable()?;
    if !a.is_c_contiguous() {
        return Err(Error::Value(
            "byteswap_in_place needs a contiguous array".into(),
        ));
    }
    let unit = if a.dtype().is_complex() {
        a.itemsize() / 2
    } else {
        a.itemsize()
    };
    if unit == 1 {
        return Ok(());
    }
    // SAFETY: the array is C-contiguous and writeable (checked above), so its `nbytes`
    // bytes from the first element are its own; no other slice of them is alive here.
    let bytes = unsafe { std::slice::from_raw_parts_mut(a.data_ptr(), a.nbytes()) };
    for element in bytes.chunks_exact_mut(unit) {
        element.reverse();
    }
    Ok(())
}

/// The array of the data that follows `header`: `data` is exactly `data_len` bytes of it,
/// which this function copies into a fresh array laid out as the header says.
pub fn array_from_data(header: &NpyHeader, data: &[u8]) -> Result<Array> {
    let need = header.check_available(data.len() as u64)?;
    let a = empty_for(header)?;
    // SAFETY: `a` is a fresh array of exactly `need` bytes; `data` holds at least as many.
    unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), a.data_ptr(), need) };
    finish(header, a)
}

/// A fresh C-contiguous array with room for the header's data in file order (for a
/// Fortran-ordered file, the reversed shape; `finish` transposes it).
pub fn empty_for(header: &NpyHeader) -> Result<Array> {
    let mut shape = header.shape.clone();
    if header.fortran_order {
        shape.reverse();
    }
    Array::empty(header.dtype, &shape)
}

/// Byteswaps the data read into `empty_for`'s array and gives it the header's shape.
pub fn finish(header: &NpyHeader, a: Array) -> Result<Array> {
    if header.swapped {
        byteswap_in_place(&a)?;
    }
    if header.fortran_order {
        a.transpose(None)
    } else {
        Ok(a)
    }
}

/// Reads a `.npy` file. `available` is the number of bytes the reader holds, where known
/// (a file's size): the header's claim is checked against it before anything is allocated.
/// Without it, the data is read in pieces, so a lying header costs at most what the reader
/// actually holds.
pub fn read_npy<R: Read>(r: &mut R, available: Option<u64>) -> Result<Array> {
    let mut prefix = [0u8; PREFIX_LEN];
    read_full(r, &mut prefix[..10])?;
    let (version, total) = header_len(&prefix[..10])?;
    if version != (1, 0) {
        read_full(r, &mut prefix[10..])?;
    }
    let have = if version == (1, 0) { 10 } else { PREFIX_LEN };
    let mut head = prefix[..have].to_vec();
    head.resize(total, 0);
    read_full(r, &mut head[have..])?;
    let header = read_header(&head)?;
    if let Some(size) = available {
        header.check_available(size.saturating_sub(total as u64))?;
        let a = empty_for(&header)?;
        // SAFETY: a fresh contiguous array; the slice is its own bytes and is dropped below.
        let bytes = unsafe { std::slice::from_raw_parts_mut(a.data_ptr(), a.nbytes()) };
        read_full(r, bytes)?;
        return finish(&header, a);
    }
    let need = header.data_len()?;
    let mut data = Vec::new();
    r.take(need as u64)
        .read_to_end(&mut data)
        .map_err(io_error)?;
    array_from_data(&header, &data)
}

fn read_full<R: Read>(r: &mut R, buf: &mut [u8]) -> Result<()> {
    r.read_exact(buf).map_err(|e| match e.kind() {
        std::io::ErrorKind::UnexpectedEof => {
            Error::Value("the .npy file is truncated: it ends before its data does".into())
        }
        _ => io_error(e),
    })
}

/// Whether the header of `a` says Fortran order (NumPy: F-contiguous and not C-contiguous).
pub fn is_fortran_order(a: &Array) -> bool {
    !a.is_c_contiguous() && a.is_f_contiguous()
}

/// Writes `a` as NumPy's `save` does: the same header and data bytes.
pub fn write_npy<W: Write>(w: &mut W, a: &Array) -> Result<()> {
    let fortran = is_fortran_order(a);
    w.write_all(&write_header(a.dtype(), a.shape(), fortran, None)?)
        .map_err(io_error)?;
    for_each_piece(a, fortran, |piece| {
        w.write_all(contiguous_bytes(piece)?).map_err(io_error)
    })
}

/// Calls `f` with C-contiguous arrays whose bytes, one after another, are the array's data in
/// C order (in Fortran order when `fortran` and the array is F-contiguous: its transpose):
/// the array itself when contiguous that way, else C-order copies of blocks of leading-axis
/// rows of about `WRITE_CHUNK_BYTES`.
pub fn for_each_piece(
    a: &Array,
    fortran: bool,
    mut f: impl FnMut(&Array) -> Result<()>,
) -> Result<()> {
    if a.size() == 0 {
        return Ok(());
    }
    if a.is_c_contiguous() {
        return f(a);
    }
    if fortran && a.is_f_contiguous() {
        return f(&a.transpose(None)?);
    }
    // ndim >= 1 here: a 0-d array is contiguous.
    let row_bytes = a.nbytes() / a.shape()[0];
    let rows = (WRITE_CHUNK_BYTES / row_bytes.max(1)).max(1);
    let mut start = 0;
    while start < a.shape()[0] {
        let len = rows.min(a.shape()[0] - start);
        f(&a.slice_axis(0, start, 1, len).copy()?)?;
        start += len;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dtype::DType;

    fn saved(a: &Array) -> Vec<u8> {
        let mut out = Vec::new();
        write_npy(&mut out, a).unwrap();
        out
    }

    #[test]
    fn round_trips_every_layout() {
        let a = Array::from_vec((0..24).map(|x| x as f64).collect(), &[2, 3, 4]).unwrap();
        let views = [
            a.clone(),
            a.transpose(None).unwrap(),
            a.slice_axis(2, 3, -2, 2),
            a.slice_axis(1, 0, 2, 2).transpose(None).unwrap(),
        ];
        for v in views {
            let bytes = saved(&v);
            for available in [Some(bytes.len() as u64), None] {
                let back = read_npy(&mut bytes.as_slice(), available).unwrap();
                assert_eq!(back.shape(), v.shape());
                assert_eq!(back.to_scalars().unwrap(), v.to_scalars().unwrap());
            }
        }
    }

    #[test]
    fn contiguous_bytes_refuses_other_layouts() {
        let a = Array::from_vec((0..6u8).collect(), &[2, 3]).unwrap();
        assert_eq!(contiguous_bytes(&a).unwrap(), &[0, 1, 2, 3, 4, 5]);
        assert!(contiguous_bytes(&a.transpose(None).unwrap()).is_err());
        assert!(contiguous_bytes(&a.slice_axis(1, 0, 2, 2)).is_err());
    }

    #[test]
    fn swapped_data() {
        let mut file =
            b"\x93NUMPY\x01\x00\x76\x00{'descr': '>i4', 'fortran_order': False, 'shape': (2,), }"
                .to_vec();
        file.resize(127, b' ');
        file.push(b'\n');
        file.extend_from_slice(&[0, 0, 1, 2, 0xff, 0xff, 0xff, 0xfe]);
        let a = read_npy(&mut file.as_slice(), None).unwrap();
        assert_eq!(a.dtype(), DType::Int32);
        assert_eq!(
            a.to_scalars().unwrap(),
            vec![crate::Scalar::Int(258), crate::Scalar::Int(-2)]
        );
    }

    #[test]
    fn truncated_and_lying() {
        let a = Array::from_vec(vec![1u16; 100], &[100]).unwrap();
        let bytes = saved(&a);
        let cut = &bytes[..bytes.len() - 1];
        for available in [Some(cut.len() as u64), None] {
            let e = read_npy(&mut &cut[..], available).unwrap_err();
            assert!(matches!(e, Error::Value(_)), "{e:?}");
        }
        assert!(read_npy(&mut &bytes[..5], None).is_err());
    }
}
