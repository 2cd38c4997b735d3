import { create } from '../dom.js';

/**
 * A `<dl>` of labelled values; empty values show as "none".
 *
 * @example host.append(keyValueList([['User name', 'ana'], ['Path', '/']]))
 */
export function keyValueList(rows: Array<[string, string | Node | undefined]>): HTMLDListElement {
  const list = create('dl', { className: 'facts' });
  for (const [label, value] of rows) {
    const shown = value === undefined || value === '' ? create('span', { text: 'none' }) : value;
    list.append(create('dt', { text: label }), create('dd', {}, [shown]));
  }
  return list;
}

/**
 * A list of items as `<ul>`, or a "none" paragraph when there are none.
 *
 * @example host.append(itemList('Groups', ['devs', 'ops'], 'user-groups'))
 */
export function itemList(title: string, items: string[], id: string): HTMLElement {
  const heading = create('h3', { text: title, attributes: { id: `${id}-title` } });
  const body =
    items.length === 0
      ? create('p', { className: 'hint', text: 'None.' })
      : create(
          'ul',
          { attributes: { 'aria-labelledby': `${id}-title` } },
          items.map((item) => create('li', {}, [create('code', { text: item })])),
        );
  return create('div', { className: 'item-list', attributes: { id } }, [heading, body]);
}
