/**
 * The CTEs `opening` (period $1 with its schedule, plan and form) and `up` (the ancestors of unit
 * $2 at the period's end, each with its level above the unit): where a unit stands when its report
 * for the period is opened, read up from the unit so the tree is not walked down.
 */
export const OPENING_CTES = `opening AS (
     SELECT p.due_on, p.ends_on, s.lead_days, s.unit_types, s.is_demo, pl.unit_id AS plan_unit_id,
            f.current_version_id
       FROM report_periods p
       JOIN report_schedules s ON s.id = p.schedule_id
       JOIN plans pl ON pl.id = s.plan_id
       JOIN report_forms f ON f.id = s.form_id
      WHERE p.id = $1
   ),
   up AS (
     SELECT p.parent_id AS id, 1 AS lvl FROM opening
       JOIN org_unit_parents p ON p.unit_id = $2
      WHERE p.valid_from <= opening.ends_on AND (p.valid_to IS NULL OR p.valid_to >= opening.ends_on)
     UNION ALL
     SELECT p.parent_id, up.lvl + 1 FROM up
       JOIN org_unit_parents p ON p.unit_id = up.id
      CROSS JOIN opening
      WHERE p.valid_from <= opening.ends_on AND (p.valid_to IS NULL OR p.valid_to >= opening.ends_on)
        AND up.lvl < 50
   )`;

/** Over `OPENING_CTES`: the plan's unit is in the tree at the period's end (the root of `OrgRepository.tree`). */
export const PLAN_UNIT_PLACED = `EXISTS (SELECT 1 FROM org_unit_parents p WHERE p.unit_id = opening.plan_unit_id
                       AND p.valid_from <= opening.ends_on
                       AND (p.valid_to IS NULL OR p.valid_to >= opening.ends_on))`;
