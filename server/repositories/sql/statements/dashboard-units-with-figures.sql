-- DashboardRepository.unitsWithFigures: the plan’s dashboard and the drill-down read units, their
-- roll-up rows and own approved values in this one statement. Parameters as drizzle numbers them:
-- the path’s unit, the day, the plan unit, the unit whose direct units are read, the units asked
-- by id, the period and the indicators (see the repository for each).
WITH RECURSIVE up AS (
            SELECT $1::int AS id,
                   (SELECT p.parent_id FROM org_unit_parents p WHERE p.unit_id = $2 AND p.valid_from <= $3::date AND (p.valid_to IS NULL OR p.valid_to >= $4::date) LIMIT 1) AS parent_id,
                   0 AS lvl
             WHERE $5
            UNION ALL
            SELECT up.parent_id,
                   (SELECT p.parent_id FROM org_unit_parents p WHERE p.unit_id = up.parent_id AND p.valid_from <= $6::date AND (p.valid_to IS NULL OR p.valid_to >= $7::date) LIMIT 1),
                   up.lvl + 1
              FROM up WHERE up.id <> $8::int AND up.parent_id IS NOT NULL AND up.lvl < 50
          ),
          picked AS (
            SELECT c.unit_id AS id, c.parent_id, true AS is_child, NULL::int AS path_level FROM org_unit_parents c
             WHERE c.parent_id = $9::int AND c.valid_from <= $10::date AND (c.valid_to IS NULL OR c.valid_to >= $11::date)
            UNION ALL
            SELECT x.id, (SELECT p.parent_id FROM org_unit_parents p WHERE p.unit_id = x.id AND p.valid_from <= $12::date AND (p.valid_to IS NULL OR p.valid_to >= $13::date) LIMIT 1),
                   false, NULL::int FROM unnest($14::int[]) AS x(id)
            UNION ALL
            SELECT up.id, up.parent_id, false, up.lvl FROM up
          )
          SELECT pk.id, coalesce(n.name, u.code) AS name, u.type, pk.parent_id, pk.is_child, pk.path_level,
                 EXISTS (SELECT 1 FROM org_unit_parents g WHERE g.parent_id = pk.id AND g.valid_from <= $15::date AND (g.valid_to IS NULL OR g.valid_to >= $16::date)) AS has_children,
                 rv.*, ov.*
            FROM picked pk
            JOIN org_units u ON u.id = pk.id
            LEFT JOIN org_unit_names n ON n.unit_id = pk.id AND n.valid_from <= $17::date AND (n.valid_to IS NULL OR n.valid_to >= $18::date)
            LEFT JOIN LATERAL (
              SELECT array_agg(r.indicator_id) AS r_ind, array_agg(r.numerator) AS r_num,
                     array_agg(r.denominator) AS r_den, array_agg(r.reporting_units) AS r_rep,
                     array_agg(r.meeting_units) AS r_meet, array_agg(r.expected_units) AS r_exp
                FROM rollup_values r
               WHERE r.period_id = $19 AND r.unit_id = pk.id AND r.category = 'total'
                 AND r.indicator_id = ANY($20::int[])) rv ON true
            LEFT JOIN LATERAL (
              SELECT array_agg(v.indicator_id) AS o_ind, array_agg(v.category) AS o_cat,
                     array_agg(v.numerator) AS o_num, array_agg(v.denominator) AS o_den
                FROM reports rp JOIN report_values v ON v.report_id = rp.id
               WHERE rp.period_id = $21 AND rp.unit_id = pk.id AND rp.status = 'approved'
                 AND v.indicator_id = ANY($22::int[])) ov ON true
           ORDER BY pk.is_child, n.name, u.code
