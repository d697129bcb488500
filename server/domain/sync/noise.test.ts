import { describe, expect, it } from 'vitest';
import { classifyNoise, type NoiseInput } from './noise';

const c = (over: Partial<NoiseInput>) => classifyNoise({ headers: {}, ...over });

describe('classifyNoise', () => {
  it.each<[string, Partial<NoiseInput>, string]>([
    ['plain email', { from: 'kari@contact.no', subject: 'Re: Proposal' }, 'normal'],
    ['empty input', {}, 'normal'],
    // RFC 3834
    ['Auto-Submitted: auto-replied', { headers: { 'auto-submitted': 'auto-replied' } }, 'auto_reply'],
    ['Auto-Submitted: auto-generated', { headers: { 'auto-submitted': 'Auto-Generated' } }, 'auto_reply'],
    ['Auto-Submitted: auto-replied (vacation)', { headers: { 'auto-submitted': 'auto-replied (vacation)' } }, 'auto_reply'],
    ['Auto-Submitted: no', { headers: { 'auto-submitted': 'no' } }, 'normal'],
    ['Auto-Submitted: No (comment)', { headers: { 'auto-submitted': 'No (human)' } }, 'normal'],
    ['X-Auto-Response-Suppress: All', { headers: { 'x-auto-response-suppress': 'All' } }, 'auto_reply'],
    ['X-Auto-Response-Suppress: DR, OOF', { headers: { 'x-auto-response-suppress': 'DR, OOF' } }, 'auto_reply'],
    ['X-Auto-Response-Suppress: DR only', { headers: { 'x-auto-response-suppress': 'DR' } }, 'normal'],
    ['X-Autoreply', { headers: { 'x-autoreply': 'yes' } }, 'auto_reply'],
    ['X-Autorespond', { headers: { 'x-autorespond': 'Out of office' } }, 'auto_reply'],
    ['Precedence: auto_reply', { headers: { precedence: 'auto_reply' } }, 'auto_reply'],
    ['read receipt (MDN)', { contentType: 'multipart/report; report-type=disposition-notification; boundary=x' }, 'auto_reply'],
    // Subjects
    ['Out of Office', { subject: 'Out of Office: Proposal' }, 'auto_reply'],
    ['Out of the office until Monday', { subject: 'Out of the office until Monday' }, 'auto_reply'],
    ['Automatic reply', { subject: 'Automatic reply: Proposal' }, 'auto_reply'],
    ['AutoReply', { subject: 'AutoReply: x' }, 'auto_reply'],
    ['Autosvar (no)', { subject: 'Autosvar: Tilbud' }, 'auto_reply'],
    ['Automatisk svar (no/sv)', { subject: 'Automatisk svar: Tilbud' }, 'auto_reply'],
    ['Fravær (no)', { subject: 'Fravær' }, 'auto_reply'],
    ['Fraværsmelding (no)', { subject: 'Fraværsmelding: Tilbud' }, 'auto_reply'],
    ['Abwesenheitsnotiz (de)', { subject: 'Abwesenheitsnotiz: Angebot' }, 'auto_reply'],
    ['Réponse automatique (fr)', { subject: 'Réponse automatique : Devis' }, 'auto_reply'],
    ['Réponse automatique NFD (fr)', { subject: 'Re\u0301ponse automatique: Devis' }, 'auto_reply'],
    ['Respuesta automática (es)', { subject: 'Respuesta automática: Presupuesto' }, 'auto_reply'],
    ['subject from the header map', { headers: { subject: 'Automatic reply: x' } }, 'auto_reply'],
    ['human reply about the out-of-office', { subject: 'Re: Out of office plans' }, 'normal'],
    ['word prefix is not enough', { subject: 'Absences report' }, 'normal'],
    ['"Fraværet" is not the auto subject', { subject: 'Fraværet ditt' }, 'normal'],
    // RFC 3464
    ['DSN content type', { contentType: 'multipart/report; report-type=delivery-status; boundary="b"' }, 'bounce'],
    ['DSN content type, quoted + upper case', { contentType: 'Multipart/Report; Report-Type="Delivery-Status"' }, 'bounce'],
    ['content type from the header map', { headers: { 'content-type': 'multipart/report; report-type=delivery-status' } }, 'bounce'],
    ['MAILER-DAEMON sender', { from: 'MAILER-DAEMON@mx.example.com' }, 'bounce'],
    ['postmaster with name', { from: 'Mail System <postmaster@example.com>' }, 'bounce'],
    ['from in header map', { headers: { from: '<mailer-daemon@googlemail.com>' } }, 'bounce'],
    ['X-Failed-Recipients', { headers: { 'x-failed-recipients': 'a@b.com' } }, 'bounce'],
    ['postmaster-like but not', { from: 'notpostmaster@example.com' }, 'normal'],
    ['multipart/report other type', { contentType: 'multipart/report; report-type=other' }, 'normal'],
    // RFC 2369 / 2919
    ['List-Id', { headers: { 'list-id': '<news.example.com>' } }, 'bulk'],
    ['List-Unsubscribe', { headers: { 'list-unsubscribe': '<mailto:u@x.com>' } }, 'bulk'],
    ['Precedence: bulk', { headers: { precedence: 'bulk' } }, 'bulk'],
    ['Precedence: list', { headers: { precedence: 'List' } }, 'bulk'],
    ['Precedence: junk', { headers: { precedence: 'junk' } }, 'bulk'],
    ['Precedence: first-class', { headers: { precedence: 'first-class' } }, 'normal'],
    ['empty header values', { headers: { 'list-id': '', 'auto-submitted': '  ' } }, 'normal'],
    ['array header values', { headers: { 'list-id': ['<a>', '<b>'] } }, 'bulk'],
    // Precedence between outcomes
    ['auto-reply with Precedence: bulk', { headers: { 'auto-submitted': 'auto-replied', precedence: 'bulk' } }, 'auto_reply'],
    ['bounce from a list', { from: 'mailer-daemon@x.com', headers: { 'list-id': 'x' } }, 'bounce'],
    ['auto-subject from mailer-daemon', { from: 'mailer-daemon@x.com', subject: 'Automatic reply' }, 'bounce'],
  ])('%s → %s', (_n, input, expected) => {
    expect(c(input).classification).toBe(expected);
  });

  it('records every signal that fired', () => {
    expect(c({ headers: { 'auto-submitted': 'auto-replied', 'x-autoreply': 'yes', precedence: 'auto_reply' }, subject: 'Autosvar' }).signals).toEqual([
      'auto-submitted:auto-replied',
      'x-autoreply',
      'precedence:auto_reply',
      'subject',
    ]);
    expect(c({}).signals).toEqual([]);
  });

  it('a 1 MB hostile subject is classified quickly', () => {
    expect(c({ subject: 'out of office'.repeat(80_000) }).classification).toBe('normal');
  });
});
