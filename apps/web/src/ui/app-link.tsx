import { Anchor, type AnchorProps } from '@mantine/core';
import { createLink, type LinkComponent, type LinkProps } from '@tanstack/react-router';
import { forwardRef, type AnchorHTMLAttributes, type ReactNode } from 'react';

const MantineAnchor = forwardRef<
  HTMLAnchorElement,
  AnchorProps & AnchorHTMLAttributes<HTMLAnchorElement>
>((props, ref) => <Anchor component="a" ref={ref} {...props} />);
MantineAnchor.displayName = 'MantineAnchor';

const CreatedAnchorLink = createLink(MantineAnchor);

/** A Mantine anchor that navigates with the router, with typed `to`, `params` and `search`. */
export const AnchorLink: LinkComponent<typeof MantineAnchor> = (props) => (
  <CreatedAnchorLink preload="intent" {...props} />
);

/** A link to a page path that comes from the API (e.g. a next step's `target`), not from code. */
export function AppLink({
  to,
  children,
  ...props
}: Omit<AnchorProps, 'style'> & { to: string; children: ReactNode }) {
  return (
    <AnchorLink to={to as LinkProps['to']} {...props}>
      {children}
    </AnchorLink>
  );
}
