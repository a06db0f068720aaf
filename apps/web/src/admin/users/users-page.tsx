import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/problem';
import { useUser } from '../../identity/session';
import { Page, PageLoader } from '../../ui/page';
import { OffsetPager } from '../../ui/pager';
import { applyProblem, ProblemAlert } from '../../ui/problem';
import { useFormat } from '../../ui/format';
import {
  type AdminUser,
  PAGE_SIZE,
  type Role,
  ROLES,
  useCreateUser,
  useSaveRoles,
  useSetActive,
  useUsers,
} from './use-users';

function Done({ children }: { children: string }) {
  return (
    <Text role="status" size="sm" c="teal.9">
      {children}
    </Text>
  );
}

function NewUserForm({ onDone }: { onDone: (name: string) => void }) {
  const { t } = useTranslation();
  const create = useCreateUser();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { displayName: '', email: '', password: '', roles: ['trainee'] as string[] },
    validate: {
      displayName: (v) => (v.trim() ? null : t('admin.users.nameRequired')),
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : t('admin.users.emailInvalid')),
      password: (v) => (v.length >= 10 ? null : t('admin.users.passwordTooShort')),
      roles: (v) => (v.length > 0 ? null : t('admin.users.rolesRequired')),
    },
  });
  return (
    <Card withBorder component="section" aria-labelledby="new-user-heading" padding="lg">
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setMessage(null);
          create.mutate(
            {
              displayName: values.displayName.trim(),
              email: values.email.trim(),
              password: values.password,
              roles: values.roles as Role[],
            },
            {
              onSuccess: (user) => {
                form.reset();
                onDone(user.displayName);
              },
              onError: (error) => {
                // A taken e-mail is refused without a field: it belongs beside the e-mail.
                if (error instanceof ApiProblem && error.status === 409) {
                  form.setFieldError('email', error.problem.detail ?? t('common.somethingWrong'));
                  return;
                }
                setMessage(
                  applyProblem(form, error) ??
                    (error instanceof ApiProblem ? null : t('common.somethingWrong')),
                );
              },
            },
          );
        })}
      >
        <Stack gap="md">
          <Title order={2} size="h3" id="new-user-heading">
            {t('admin.users.newUserTitle')}
          </Title>
          <TextInput
            label={t('admin.users.displayName')}
            autoComplete="off"
            required
            key={form.key('displayName')}
            {...form.getInputProps('displayName')}
          />
          <TextInput
            label={t('admin.users.email')}
            type="email"
            autoComplete="off"
            required
            key={form.key('email')}
            {...form.getInputProps('email')}
          />
          <TextInput
            type="password"
            label={t('admin.users.password')}
            description={t('admin.users.passwordHint')}
            autoComplete="new-password"
            required
            key={form.key('password')}
            {...form.getInputProps('password')}
          />
          <Checkbox.Group
            label={t('admin.users.roles')}
            required
            key={form.key('roles')}
            {...form.getInputProps('roles')}
          >
            <Group gap="md" mt="xs">
              {ROLES.map((role) => (
                <Checkbox key={role} value={role} label={role} />
              ))}
            </Group>
          </Checkbox.Group>
          <ProblemAlert message={message} />
          <Button type="submit" loading={create.isPending} w="fit-content">
            {t('admin.users.create')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

function ActiveToggle({ person, self }: { person: AdminUser; self: boolean }) {
  const { t } = useTranslation();
  const setActive = useSetActive();
  const [asking, { open, close }] = useDisclosure(false);
  if (person.deactivatedAt) {
    return (
      <Stack gap="xs">
        <Button
          variant="outline"
          w="fit-content"
          loading={setActive.isPending}
          onClick={() => setActive.mutate({ id: person.id, active: true })}
        >
          {t('admin.users.reactivate')}
        </Button>
        {setActive.isError ? <ProblemAlert error={setActive.error} /> : null}
      </Stack>
    );
  }
  if (self) return <Text size="sm">{t('admin.users.thisIsYou')}</Text>;
  return (
    <>
      <Button variant="outline" color="red.9" w="fit-content" onClick={open}>
        {t('admin.users.deactivate')}
      </Button>
      <Modal
        opened={asking}
        onClose={close}
        closeButtonProps={{ 'aria-label': t('admin.users.closeDialog') }}
        title={t('admin.users.deactivateTitle', { name: person.displayName })}
      >
        <Stack gap="md">
          <Text>{t('admin.users.deactivateBody')}</Text>
          {setActive.isError ? <ProblemAlert error={setActive.error} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('admin.users.keepActive')}
            </Button>
            <Button
              color="red.9"
              loading={setActive.isPending}
              onClick={() =>
                setActive.mutate({ id: person.id, active: false }, { onSuccess: close })
              }
            >
              {t('admin.users.deactivateConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function PersonCard({ person, self }: { person: AdminUser; self: boolean }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const save = useSaveRoles();
  const headingId = useId();
  const [roles, setRoles] = useState<string[]>(person.roles);
  const changed = [...roles].sort().join() !== [...person.roles].sort().join();
  return (
    <Card withBorder component="li" padding="md" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Title order={2} size="h4" id={headingId}>
              {person.displayName}
            </Title>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {person.email}
            </Text>
          </Stack>
          {person.deactivatedAt ? (
            <Badge color="gray.8" variant="filled">
              {t('admin.users.deactivated')}
            </Badge>
          ) : null}
        </Group>
        {person.deactivatedAt ? (
          <Text size="sm">
            {t('admin.users.deactivatedOn', { date: dateTime(person.deactivatedAt) })}
          </Text>
        ) : null}
        <Checkbox.Group
          label={t('admin.users.rolesOf', { name: person.displayName })}
          value={roles}
          onChange={setRoles}
        >
          <Group gap="md" mt="xs">
            {ROLES.map((role) => (
              <Checkbox key={role} value={role} label={role} />
            ))}
          </Group>
        </Checkbox.Group>
        <Group gap="sm" wrap="wrap">
          <Button
            w="fit-content"
            loading={save.isPending}
            disabled={!changed}
            onClick={() => save.mutate({ id: person.id, roles: roles as Role[] })}
          >
            {t('admin.users.saveRoles')}
          </Button>
          <ActiveToggle person={person} self={self} />
        </Group>
        {save.isError ? <ProblemAlert error={save.error} /> : null}
        {save.isSuccess && !changed ? <Done>{t('admin.users.rolesSaved')}</Done> : null}
      </Stack>
    </Card>
  );
}

export function UsersPage() {
  const { t } = useTranslation();
  const me = useUser();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [offset, setOffset] = useState(0);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const users = useUsers(q, offset);
  const data = users.data;
  return (
    <Page title={t('admin.users.title')} intro={t('admin.users.intro')}>
      <Group gap="sm" wrap="wrap" align="flex-end">
        <TextInput
          type="search"
          label={t('admin.users.search')}
          description={t('admin.users.searchHint')}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setOffset(0);
          }}
          style={{ flex: '1 1 16rem' }}
        />
        <Button
          variant={creating ? 'default' : 'filled'}
          aria-expanded={creating}
          onClick={() => {
            setCreating((open) => !open);
            setCreated(null);
          }}
        >
          {t('admin.users.newUser')}
        </Button>
      </Group>
      {creating ? (
        <NewUserForm
          onDone={(name) => {
            setCreating(false);
            setCreated(name);
          }}
        />
      ) : null}
      {created ? <Done>{t('admin.users.created', { name: created })}</Done> : null}
      {users.isError ? <ProblemAlert error={users.error} /> : null}
      {users.isPending ? <PageLoader /> : null}
      {data ? (
        <section aria-labelledby="people-heading">
          <Stack gap="sm">
            <Title order={2} size="h3" id="people-heading">
              {t('admin.users.people')}
            </Title>
            <Text size="sm" role="status">
              {data.total === 0
                ? q
                  ? t('admin.users.noMatch', { q })
                  : t('admin.users.empty')
                : t('admin.users.showing', {
                    from: offset + 1,
                    to: offset + data.items.length,
                    total: data.total,
                  })}
            </Text>
            <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
              {data.items.map((person) => (
                <PersonCard key={person.id} person={person} self={person.id === me.id} />
              ))}
            </Stack>
            <OffsetPager
              offset={offset}
              pageSize={PAGE_SIZE}
              total={data.total}
              onOffsetChange={setOffset}
            />
          </Stack>
        </section>
      ) : null}
    </Page>
  );
}
