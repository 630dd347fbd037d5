/** Text typed on several lines (the admin's instructions), shown with its line breaks and escaped. */
import { Fragment, type ReactNode } from 'react';

export function LineBreaks(props: { text: string }): ReactNode {
  return props.text.split('\n').map((line, index) => (
    <Fragment key={index}>
      {index > 0 ? <br /> : null}
      {line}
    </Fragment>
  ));
}
