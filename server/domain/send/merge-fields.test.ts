import { describe, expect, it } from 'vitest';
import { checkTemplate, renderMergeFields, type MergeData } from './merge-fields';

const ada: MergeData = {
  contact: { firstName: 'Ada', lastName: 'Lovelace', company: 'Analytical & Co <Ltd>', email: 'ada@example.com' },
  sender: { name: 'Rep One', email: 'rep@acme.example' },
};
const empty: MergeData = { contact: { firstName: null, lastName: '', company: '   ' }, sender: {} };

describe('renderMergeFields', () => {
  it.each([
    ['Hi {{contact.firstName}}!', 'text', 'Hi Ada!'],
    ['Hi {{ contact.firstName }}!', 'text', 'Hi Ada!'],
    ['Hi {{\tcontact.firstName\n}}!', 'text', 'Hi Ada!'],
    ['{{contact.firstName}} {{contact.lastName}}', 'text', 'Ada Lovelace'],
    ['{{contact.email}} / {{sender.name}} <{{sender.email}}>', 'text', 'ada@example.com / Rep One <rep@acme.example>'],
    ['At {{contact.company}}', 'text', 'At Analytical & Co <Ltd>'],
    ['At {{contact.company}}', 'html', 'At Analytical &amp; Co &lt;Ltd&gt;'],
    ['At {{contact.company}}', 'header', 'At Analytical & Co <Ltd>'],
    ['Hi {{contact.firstName | "there"}}', 'text', 'Hi Ada'],
    ['No fields at all', 'text', 'No fields at all'],
    ['<b>{{contact.firstName}}</b>', 'html', '<b>Ada</b>'],
    ['{{contact.firstName}}{{contact.firstName}}', 'text', 'AdaAda'],
  ] as const)('%j (%s) → %j', (template, context, rendered) => {
    expect(renderMergeFields(template, ada, context)).toEqual({ ok: true, rendered, usedFallbacks: [], missing: [] });
  });

  it.each([
    ['Hi {{contact.firstName | "there"}},', 'text', 'Hi there,', ['contact.firstName'], []],
    ["Hi {{ contact.firstName|'friend' }},", 'text', 'Hi friend,', ['contact.firstName'], []],
    ['Hi {{contact.firstName | ""}}!', 'text', 'Hi !', ['contact.firstName'], []],
    ['At {{contact.company | "your <company>"}}', 'html', 'At your &lt;company&gt;', ['contact.company'], []],
    ['Hi {{contact.firstName}} {{contact.lastName}}', 'text', 'Hi  ', [], ['contact.firstName', 'contact.lastName']],
    ['{{sender.name | "The team"}} ({{sender.email}})', 'text', 'The team ()', ['sender.name'], ['sender.email']],
    ['{{contact.firstName}} {{contact.firstName}}', 'text', ' ', [], ['contact.firstName']],
  ] as const)('empty values: %j → %j', (template, context, rendered, usedFallbacks, missing) => {
    expect(renderMergeFields(template, empty, context)).toEqual({ ok: true, rendered, usedFallbacks, missing });
  });

  it('escapes every HTML-significant character in values', () => {
    const data: MergeData = { ...ada, contact: { ...ada.contact, firstName: `<script>alert("x")</script>'` } };
    const result = renderMergeFields('{{contact.firstName}}', data, 'html');
    expect(result).toMatchObject({ ok: true, rendered: '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;' });
  });

  it('a value with line breaks cannot inject a header into a subject', () => {
    const data: MergeData = { ...ada, contact: { ...ada.contact, company: 'Evil\r\nBcc: victim@example.com' } };
    const result = renderMergeFields('Offer for {{contact.company}}', data, 'header');
    expect(result.ok && result.rendered).toBe('Offer for Evil Bcc: victim@example.com');
  });

  it('trims values', () => {
    const data: MergeData = { ...ada, contact: { ...ada.contact, firstName: '  Ada  ' } };
    expect(renderMergeFields('[{{contact.firstName}}]', data, 'text')).toMatchObject({ rendered: '[Ada]' });
  });

  it.each([
    ['Hi {{contact.nickname}}', ['contact.nickname'], []],
    ['Hi {{contact.firstname}}', ['contact.firstname'], []],
    ['{{deal.amount}} and {{contact.phone}} and {{deal.amount}}', ['deal.amount', 'contact.phone'], []],
    ['{{contact}}', ['contact'], []],
    ['Hi {{contact.firstName | there}}', [], ['{{contact.firstName | there}}']],
    ['Hi {{}}', [], ['{{}}']],
    ['Hi {{contact.firstName "x"}}', [], ['{{contact.firstName "x"}}']],
    ['Hi {{contact.firstName', [], ['{{contact.firstName']],
    ['{{ contact.first Name }}', [], ['{{ contact.first Name }}']],
  ])('%j is refused (unknown %j, malformed %j)', (template, unknownFields, malformed) => {
    const result = renderMergeFields(template, ada, 'text');
    expect(result).toMatchObject({ ok: false, unknownFields, malformed });
    if (!result.ok) {
      for (const field of unknownFields) expect(result.message).toContain(`{{${field}}}`);
      if (unknownFields.length > 0) expect(result.message).toMatch(/Available: .*\{\{contact\.firstName\}\}/);
    }
  });
});

describe('checkTemplate', () => {
  it('lists the fields used, once each', () => {
    expect(checkTemplate('{{contact.firstName}} {{ sender.name | "x" }} {{contact.firstName}}')).toEqual({
      ok: true,
      fields: ['contact.firstName', 'sender.name'],
    });
  });
  it('accepts text with no fields', () => {
    expect(checkTemplate('Plain { braces } are fine')).toEqual({ ok: true, fields: [] });
  });
});
