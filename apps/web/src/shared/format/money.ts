const rupiah = new Intl.NumberFormat('id-ID', {
  style: 'currency',
  currency: 'IDR',
  minimumFractionDigits: 0,
  maximumFractionDigits: 0,
});

/**
 * `Rp 1.250.000` in every UI language: Rupiah are whole numbers and read the Indonesian way.
 * A no-break space keeps "Rp" with its amount.
 */
export function formatRupiah(amount: number | bigint): string {
  return rupiah.format(amount);
}
