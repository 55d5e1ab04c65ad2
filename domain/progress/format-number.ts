/**
 * Numbers the Vietnamese way: comma before decimals, dot between thousands (91,3; 1.234,5).
 * At most `digits` decimals, trailing zeros dropped.
 */
export function formatNumberVi(value: number, digits = 1): string {
  const fixed = Math.abs(value).toFixed(digits);
  const [whole = '0', fraction = ''] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const decimals = fraction.replace(/0+$/, '');
  const sign = value < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${grouped}${decimals ? `,${decimals}` : ''}`;
}
