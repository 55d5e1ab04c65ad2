-- A document number written with leading zeros ("07/HD") is the same number as without ("7/HD"):
-- stored keys follow domain/plans/symbol.ts symbolKey(). Keys are already folded (no spaces).
UPDATE documents SET symbol_key = regexp_replace(symbol_key, '^0+([0-9])', '\1') WHERE symbol_key ~ '^0[0-9]';
--> statement-breakpoint
UPDATE document_references SET symbol_key = regexp_replace(symbol_key, '^0+([0-9])', '\1') WHERE symbol_key ~ '^0[0-9]';
