import { z } from 'zod';
import { ZSchedule } from './reporting.ts';

/**
 * A schedule just made, with the schedules its duty made at the levels above (the plans it
 * implements), where each level's consolidated report goes.
 */
export const ZScheduleCreated = ZSchedule.extend({
  upward: z.array(
    z.object({
      scheduleId: z.number().int(),
      planId: z.number().int(),
      unitId: z.number().int(),
      unitName: z.string(),
    }),
  ),
});
export type TScheduleCreated = z.infer<typeof ZScheduleCreated>;
