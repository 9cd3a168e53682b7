//! The number formatter of the drawings.

/// A coordinate, formatted as `f64` is with the same precision (`{:.1}`,
/// `{:.0}`), without the exact decimal algorithm behind it: drawings have
/// hundreds of thousands of numbers. Within a millionth of a rounding tie
/// the standard formatter decides, so the text is the same.
#[derive(Clone, Copy)]
pub(super) struct Num(pub f64);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let x = self.0;
        let scale = match f.precision() {
            Some(0) => 1.0,
            Some(1) => 10.0,
            _ => return std::fmt::Display::fmt(&x, f),
        };
        let v = x.abs() * scale;
        if f.width().is_some() || !v.is_finite() || v >= 1e9 || (v.fract() - 0.5).abs() < 1e-6 {
            return std::fmt::Display::fmt(&x, f);
        }
        let r = v.round() as u64;
        let sign = if x.is_sign_negative() { "-" } else { "" };
        if scale == 1.0 {
            write!(f, "{sign}{r}")
        } else {
            write!(f, "{sign}{}.{}", r / 10, r % 10)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_the_standard_formatter_writes_them() {
        let mut values = vec![
            0.0, -0.0, 0.05, 0.15, 0.25, -0.25, 0.35, 2.5, -2.5, 1e9, 1e12, -1e-9,
        ];
        // A spread of coordinates, thirds and sevenths among them.
        for i in -3000..3000 {
            values.push(i as f64 / 7.0);
            values.push(i as f64 / 3.0 + 0.05);
            values.push(i as f64 * 0.1);
            values.push(i as f64 * 1.5);
        }
        for x in values {
            assert_eq!(format!("{:.1}", Num(x)), format!("{x:.1}"), "{x:e}");
            assert_eq!(format!("{:.0}", Num(x)), format!("{x:.0}"), "{x:e}");
            assert_eq!(format!("{}", Num(x)), format!("{x}"), "{x:e}");
        }
    }
}
