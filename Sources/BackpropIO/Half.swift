/// IEEE 754 binary16 (half precision, NumPy's `float16`, safetensors' `F16`, HDF5's 16-bit
/// floats) to `Float`, exact: every half value is a float. Written out so it does not depend on
/// `Float16` availability. NaNs become `Float.nan`.
package func halfToFloat(_ bits: UInt16) -> Float {
    let sign: Float = bits & 0x8000 != 0 ? -1 : 1
    let exponent = Int((bits >> 10) & 0x1f)
    let fraction = Float(bits & 0x3ff)
    switch exponent {
    case 0: return sign * fraction * 0x1p-24
    case 31: return fraction == 0 ? sign * .infinity : .nan
    default: return sign * (1 + fraction / 1024) * Float(sign: .plus, exponent: exponent - 15, significand: 1)
    }
}
