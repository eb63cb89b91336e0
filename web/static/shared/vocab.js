// The vocabularies both apps show: question statuses and which are open
// (internal/cases), phases, topics, countries and label colours (internal/vocab). The server writes
// them into the page's data attributes, so the apps keep no copy of their own.
const list = (name) => (document.body.dataset[name] || '').split(' ').filter(Boolean);

export const STATUSES = list('statuses');
export const OPEN = list('open');
export const PHASES = list('phases');
export const TOPICS = list('topics');
export const COUNTRIES = list('countries');
export const LABEL_COLOURS = list('labelColours');
