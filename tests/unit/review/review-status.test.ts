// The domain rules of interview review: what a review needs, what a resend is, what a correction may not change,
// and which interviews count in the estimates.
import { describe, expect, it } from 'vitest';
import { isRespondent } from '../../../src/domain/questionnaire/index.js';
import {
  asReviewStatus,
  correctionMismatches,
  countsInEstimates,
  isReturned,
  resendVerdict,
  reviewComments,
  reviewProblems,
  reviewStatuses,
  type ReviewInput,
} from '../../../src/domain/review/review-status.js';

const questions = new Set(['gender', 'birth_year', 'sat_a1']);
const input = (over: Partial<ReviewInput>): ReviewInput => ({
  decision: 'approved',
  version: 1,
  comment: '',
  comments: {},
  ...over,
});
const fields = (i: ReviewInput, lang: 'vi' | 'en' = 'en') => reviewProblems(i, questions, lang).map((p) => p.field);

describe('reviewProblems', () => {
  it('accepts an approval with nothing else, and comments on questions of the interview', () => {
    expect(reviewProblems(input({}), questions)).toEqual([]);
    expect(reviewProblems(input({ comments: { gender: 'ok' } }), questions)).toEqual([]);
  });

  it('needs a comment on a question to return an interview; blank comments do not count', () => {
    expect(fields(input({ decision: 'has_issues', comment: 'xem lại', comments: { gender: '  ' } }))).toEqual([
      'comments',
    ]);
    expect(fields(input({ decision: 'has_issues', comments: { birth_year: 'Hỏi lại' } }))).toEqual([]);
  });

  it('needs a reason to reject', () => {
    expect(fields(input({ decision: 'rejected', comment: ' ' }))).toEqual(['comment']);
    expect(fields(input({ decision: 'rejected', comment: 'Không có thật' }))).toEqual([]);
  });

  it('names unknown questions and over-long comments, in the language asked for', () => {
    const problems = reviewProblems(
      input({ comments: { nope: 'x', gender: 'y'.repeat(1001) }, comment: 'z'.repeat(1001) }),
      questions,
      'vi',
    );
    expect(problems).toEqual([
      { field: 'comments.nope', message: 'Phiếu này không có câu nope' },
      { field: 'comments.gender', message: 'Tối đa 1000 ký tự' },
      { field: 'comment', message: 'Tối đa 1000 ký tự' },
    ]);
    expect(fields(input({ decision: 'has_issues', comments: {} }), 'vi')).toEqual(['comments']);
  });
});

describe('reviewComments', () => {
  it('keeps the non-empty comments, trimmed, in questionnaire order', () => {
    expect(reviewComments({ sat_a1: ' b ', gender: 'a', birth_year: '' }, ['gender', 'birth_year', 'sat_a1'])).toEqual([
      { question: 'gender', comment: 'a' },
      { question: 'sat_a1', comment: 'b' },
    ]);
  });
});

describe('resendVerdict', () => {
  const stored = { hashes: ['v2', 'v1'], status: 'has_issues' as const, collectedBy: 7 };

  it('answers a resend of any known version as a duplicate, whoever is asking', () => {
    expect(resendVerdict(stored, { hash: 'v1', submitter: 7 })).toBe('duplicate');
    expect(resendVerdict({ ...stored, status: 'approved' }, { hash: 'v2', submitter: 9 })).toBe('duplicate');
  });

  it('takes other content as a new version only while returned, and only from its surveyor', () => {
    expect(resendVerdict(stored, { hash: 'v3', submitter: 7 })).toBe('new_version');
    expect(resendVerdict(stored, { hash: 'v3', submitter: 8 })).toBe('conflict');
    expect(resendVerdict(stored, { hash: 'v3', submitter: null })).toBe('conflict');
    expect(resendVerdict({ ...stored, collectedBy: null }, { hash: 'v3', submitter: null })).toBe('conflict');
    for (const status of ['none', 'approved', 'rejected'] as const)
      expect(resendVerdict({ ...stored, status }, { hash: 'v3', submitter: 7 })).toBe('conflict');
  });
});

describe('correctionMismatches', () => {
  const stored = { survey: 'papi', surveyVersion: '1', assignmentId: 'a1', declinedConsent: false };

  it('lets the answers change and nothing that places the interview', () => {
    expect(correctionMismatches(stored, { ...stored })).toEqual([]);
    expect(
      correctionMismatches(stored, { ...stored, surveyVersion: '2', assignmentId: null }).map((m) => m.field),
    ).toEqual(['surveyVersion', 'assignmentId']);
    expect(correctionMismatches(stored, { ...stored, assignmentId: null }, 'vi')).toEqual([
      { field: 'assignmentId', message: 'phiếu bị trả lại: a1; bản sửa: không có' },
    ]);
  });

  it('lets a correction decline consent, never take a declined consent back', () => {
    expect(correctionMismatches(stored, { ...stored, declinedConsent: true })).toEqual([]);
    expect(
      correctionMismatches({ ...stored, declinedConsent: true }, { ...stored, declinedConsent: false }).map(
        (m) => m.field,
      ),
    ).toEqual(['consent']);
  });
});

describe('review states in the estimates', () => {
  it('leaves only rejected interviews out, and returns only those with issues', () => {
    expect(reviewStatuses.filter(countsInEstimates)).toEqual(['none', 'approved', 'has_issues']);
    expect(reviewStatuses.filter(isReturned)).toEqual(['has_issues']);
  });

  it('makes a rejected interview a non-respondent, like a declined consent', () => {
    expect(isRespondent('completed', { consent: 1 })).toBe(true);
    expect(isRespondent('completed', { consent: 1 }, 'approved')).toBe(true);
    expect(isRespondent('completed', { consent: 1 }, 'rejected')).toBe(false);
    expect(isRespondent(null, {}, 'rejected')).toBe(false);
    expect(isRespondent('completed', { consent: 0 }, 'approved')).toBe(false);
  });

  it('reads an unknown stored state as not reviewed', () => {
    expect(asReviewStatus('has_issues')).toBe('has_issues');
    expect(asReviewStatus('later')).toBe('none');
    expect(asReviewStatus(null)).toBe('none');
  });
});
