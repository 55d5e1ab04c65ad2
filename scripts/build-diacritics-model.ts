/**
 * Builds resources/diacritics/model.json.gz, the syllable trigram model that restores diacritics,
 * from the accented public texts in the project: the seed documents, the tuned part of the corpus
 * (never its measured part, which the diacritics benchmark reads) and the project's own Vietnamese texts.
 *
 *   npx tsx scripts/build-diacritics-model.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { MODEL_URL } from '../documents/diacritics/diacritics.ts';
import { trainSyllableModel } from '../documents/diacritics/ngram-model.ts';
import { trainingTexts } from '../documents/diacritics/training-texts.ts';

const texts = trainingTexts();
const model = trainSyllableModel(texts);
const bytes = gzipSync(JSON.stringify(model), { level: 9 });
mkdirSync(new URL('.', MODEL_URL), { recursive: true });
writeFileSync(MODEL_URL, bytes);
const syllables = model.sources?.reduce((sum, s) => sum + s.syllables, 0) ?? 0;
process.stdout.write(
  `${JSON.stringify({ files: texts.length, syllables, types: model.syllables.length, trigrams: model.trigrams.length / 4, bytes: bytes.length })}\n`,
);
