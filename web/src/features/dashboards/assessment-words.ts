import {
  type AssessmentLanguage,
  type BasisPhrase,
  basisText,
  type VerdictPhrase,
  verdictText,
} from '../../../../domain/progress/assessment-text.ts';

/** The reader's language for an assessment's words (the UI's; Vietnamese unless English). */
function languageOf(lng: string | undefined): AssessmentLanguage {
  return lng?.startsWith('en') ? 'en' : 'vi';
}

/** A target's verdict in the UI's language, written by the one place its words live. */
export function verdictIn(lng: string | undefined, phrase: VerdictPhrase): string {
  return verdictText(phrase, languageOf(lng));
}

/** How a target's projection was made, in the UI's language. */
export function basisIn(lng: string | undefined, phrases: readonly BasisPhrase[]): string {
  return basisText(phrases, languageOf(lng));
}
