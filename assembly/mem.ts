// Raw element access into linear memory. No bounds checks: the host sized every region from
// the counts in the header (assembly/layout.ts), and indices are never negative.

@inline export function f64At(base: usize, i: i32): f64 {
  return load<f64>(base + (<usize>i << 3));
}
@inline export function setF64(base: usize, i: i32, v: f64): void {
  store<f64>(base + (<usize>i << 3), v);
}
@inline export function i32At(base: usize, i: i32): i32 {
  return load<i32>(base + (<usize>i << 2));
}
@inline export function setI32(base: usize, i: i32, v: i32): void {
  store<i32>(base + (<usize>i << 2), v);
}
@inline export function u8At(base: usize, i: i32): i32 {
  return <i32>load<u8>(base + <usize>i);
}
@inline export function setU8(base: usize, i: i32, v: i32): void {
  store<u8>(base + <usize>i, <u8>v);
}
/** Header slot `slot` as an i32 count or as a byte address. */
@inline export function slotI32(header: usize, slot: i32): i32 {
  return load<i32>(header + (<usize>slot << 2));
}
@inline export function slotPtr(header: usize, slot: i32): usize {
  return <usize>load<i32>(header + (<usize>slot << 2));
}
@inline export function align8(at: usize): usize {
  return (at + 7) & ~(<usize>7);
}
