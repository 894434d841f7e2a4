// The interview's title and screens, built on the phone from the questionnaire definition it downloads anyway
// (for skip logic and validation): the page carries no questionnaire text, so it is one small file for every
// questionnaire, and both languages arrive once, with the definition. The markup is the server's own partials
// (views/field/screens.ejs, views/partials/question/*) compiled into the bundle (scripts/field-bundle.mjs).
import { render } from 'langnghe:field-templates';
import { fieldInterviewModel } from 'langnghe:field-view-model';

/** Questionnaire code and version (null: the current one) of /field/interview/:code[/:version]. */
export function surveyOfPath(pathname) {
  const [code = '', version = null] = pathname
    .replace(/^\/field\/interview\/?/, '')
    .split('/')
    .filter(Boolean)
    .map(decodeURIComponent);
  return { code, version };
}

/** Writes the page's title and puts one section per screen before the finishing screen. */
export function buildScreens(questionnaire) {
  const survey = fieldInterviewModel({ questionnaire });
  document.title = `${survey.title.vi} · Lắng Nghe`;
  document.querySelector('.iv-title').innerHTML = render('field/t', { m: survey.title });
  document.getElementById('screen-_finish').insertAdjacentHTML('beforebegin', render('field/screens', { survey }));
}
