/**
 * The five sections of a union report (kết quả, tồn tại, nguyên nhân, phương hướng, kiến nghị): the
 * sections a new schedule's form offers, written once for the server, the seed and the browser's
 * schedule dialog. No zod here, so the browser reads it without the contracts' schemas.
 */
export const DEFAULT_SECTIONS = [
  { key: 'results', title: 'Kết quả thực hiện', required: true },
  { key: 'shortcomings', title: 'Tồn tại, hạn chế', required: false },
  { key: 'causes', title: 'Nguyên nhân', required: false },
  { key: 'directions', title: 'Phương hướng, nhiệm vụ', required: false },
  { key: 'proposals', title: 'Kiến nghị, đề xuất', required: false },
] as const satisfies readonly { key: string; title: string; required: boolean }[];
