import {
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  Loader,
  Progress as Bar,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { stagePercent } from '../../pathway/use-progress';
import { ProblemAlert } from '../../ui/problem';
import { statusColor } from '../../ui/theme';
import {
  type AdminAttestation,
  type AdminCertification,
  type TraineeProgress,
  useEvidence,
  useTraineeProgress,
} from './use-decisions';

const stageColor = {
  completed: statusColor.done,
  in_progress: statusColor.active,
  locked: statusColor.waiting,
} as const;

/** Types a browser shows in an <img>; the others (PDF, HEIC) open in a tab or download. */
const SHOWN_INLINE = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);

function useSize() {
  const { t } = useTranslation();
  return (bytes: number) =>
    bytes < 1024
      ? t('decisions.size.bytes', { count: bytes })
      : bytes < 1024 * 1024
        ? t('decisions.size.kb', { count: Math.round(bytes / 1024) })
        : t('decisions.size.mb', { count: Math.round((bytes / (1024 * 1024)) * 10) / 10 });
}

/** A blob's object URL for as long as the component shows it. */
function useObjectUrl(blob: Blob | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) return;
    const made = URL.createObjectURL(blob);
    setUrl(made);
    return () => {
      URL.revokeObjectURL(made);
      setUrl(null);
    };
  }, [blob]);
  return url;
}

/**
 * The attestation's evidence file, fetched on demand with the admin's token (the file needs it)
 * and shown in the page: an image inline, a PDF or other file as a link that opens it in a new tab.
 */
export function AttestationEvidence({
  attestation,
  what,
}: {
  attestation: AdminAttestation;
  what: string;
}) {
  const { t } = useTranslation();
  const size = useSize();
  const headingId = useId();
  const regionId = useId();
  const [open, setOpen] = useState(false);
  const evidence = attestation.evidence;
  const file = useEvidence(attestation.id, open && evidence !== null);
  const url = useObjectUrl(open ? file.data : undefined);
  const fileName = evidence?.fileName ?? t('decisions.evidence.unnamed');
  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId}>
      <Title order={4} size="h5" id={headingId}>
        {t('decisions.evidence.heading')}
      </Title>
      {evidence ? (
        <>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {t('decisions.evidence.file', {
              name: fileName,
              type: evidence.contentType,
              size: size(evidence.size),
            })}
          </Text>
          <Button
            variant="default"
            w="fit-content"
            aria-expanded={open}
            aria-controls={regionId}
            onClick={() => setOpen((shown) => !shown)}
          >
            {open ? t('decisions.evidence.hide') : t('decisions.evidence.show')}
          </Button>
          <div id={regionId}>
            {open ? (
              <Stack gap="xs">
                {file.isPending ? (
                  <Group gap="xs">
                    <Loader size="sm" aria-hidden />
                    <Text size="sm">{t('decisions.evidence.loading')}</Text>
                  </Group>
                ) : null}
                {file.isError ? <ProblemAlert error={file.error} /> : null}
                {url && SHOWN_INLINE.has(evidence.contentType) ? (
                  <Box
                    component="img"
                    src={url}
                    alt={t('decisions.evidence.imageAlt', { name: attestation.traineeName, what })}
                    // Its own size, shrunk to fit the card (never stretched).
                    style={{
                      display: 'block',
                      alignSelf: 'flex-start',
                      maxWidth: '100%',
                      maxHeight: '30rem',
                      width: 'auto',
                      height: 'auto',
                      border: '1px solid var(--mantine-color-gray-4)',
                      borderRadius: 'var(--mantine-radius-sm)',
                    }}
                  />
                ) : null}
                {url && !SHOWN_INLINE.has(evidence.contentType) ? (
                  <Text size="sm">{t('decisions.evidence.notShown')}</Text>
                ) : null}
                {url ? (
                  <Group gap="md" wrap="wrap">
                    <Anchor href={url} target="_blank" rel="noopener" size="sm">
                      {t('decisions.evidence.open')}
                    </Anchor>
                    <Anchor href={url} download={evidence.fileName ?? undefined} size="sm">
                      {t('decisions.evidence.download')}
                    </Anchor>
                  </Group>
                ) : null}
              </Stack>
            ) : null}
          </div>
        </>
      ) : (
        <Text size="sm">{t('decisions.evidence.none')}</Text>
      )}
    </Stack>
  );
}

function ProgressLoading() {
  const { t } = useTranslation();
  return (
    <Group gap="xs">
      <Loader size="sm" aria-hidden />
      <Text size="sm">{t('decisions.progress.loading')}</Text>
    </Group>
  );
}

/** An applicant's progress: the overall share and each stage's, as the pathway page measures it. */
export function ApplicantProgress({ traineeId, name }: { traineeId: string; name: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const progress = useTraineeProgress(traineeId);
  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId}>
      <Title order={4} size="h5" id={headingId}>
        {t('decisions.progress.heading')}
      </Title>
      {progress.isPending ? <ProgressLoading /> : null}
      {progress.isError ? <ProblemAlert error={progress.error} /> : null}
      {progress.data ? <ProgressSummary progress={progress.data} name={name} /> : null}
    </Stack>
  );
}

function ProgressSummary({ progress, name }: { progress: TraineeProgress; name: string }) {
  const { t } = useTranslation();
  const percent = progress.percentComplete;
  return (
    <Stack gap="xs">
      <Text size="sm">
        {t('decisions.progress.overall', { percent, pathway: progress.pathway.title })}
      </Text>
      <Bar.Root
        size="md"
        role="progressbar"
        aria-label={t('decisions.progress.overallLabel', { name })}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}%`}
      >
        <Bar.Section value={percent} withAria={false} color={statusColor.active} />
      </Bar.Root>
      <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }}>
        {progress.stages.map((stage) => (
          <Group component="li" key={stage.key} justify="space-between" gap="xs" wrap="wrap">
            <Text size="sm">
              {t('decisions.progress.stageLine', {
                title: stage.title,
                met: stage.requirements.filter((r) => r.met).length,
                total: stage.requirements.length,
              })}{' '}
              ({stagePercent(stage)}%)
            </Text>
            <Badge color={stageColor[stage.status]} variant="filled" size="sm">
              {t(`decisions.progress.stageStatus.${stage.status}`)}
            </Badge>
          </Group>
        ))}
      </Stack>
    </Stack>
  );
}

/**
 * A certification request's evidence: the requirements of the pathway stage that leads to the
 * designation, with have / need and whether each is met.
 */
export function CertificationEvidence({ request }: { request: AdminCertification }) {
  const { t } = useTranslation();
  const headingId = useId();
  const progress = useTraineeProgress(request.traineeId);
  const stage = progress.data?.stages.find((s) => s.designation === request.designation);
  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId}>
      <Title order={4} size="h5" id={headingId}>
        {stage
          ? t('decisions.progress.stageEvidence', { stage: stage.title })
          : t('decisions.progress.heading')}
      </Title>
      {progress.isPending ? <ProgressLoading /> : null}
      {progress.isError ? <ProblemAlert error={progress.error} /> : null}
      {progress.data && !stage ? <Text size="sm">{t('decisions.progress.noStage')}</Text> : null}
      {stage ? (
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
          {stage.requirements.map((requirement) => (
            <Group
              component="li"
              key={requirement.key}
              justify="space-between"
              align="flex-start"
              gap="xs"
              wrap="wrap"
            >
              <Stack gap={0} style={{ flex: '1 1 12rem', minWidth: 0 }}>
                <Text size="sm" fw={600}>
                  {requirement.title}
                </Text>
                <Text size="sm" c="dimmed">
                  {requirement.kind === 'admin_approval'
                    ? t('decisions.progress.approvalHere')
                    : requirement.detail}
                </Text>
              </Stack>
              <Group gap="xs" wrap="nowrap">
                <Text size="sm" fw={600}>
                  {t('decisions.progress.haveNeed', {
                    have: requirement.have,
                    need: requirement.need,
                  })}
                </Text>
                <Badge
                  color={requirement.met ? statusColor.done : statusColor.waiting}
                  variant="filled"
                  size="sm"
                >
                  {requirement.met ? t('decisions.progress.met') : t('decisions.progress.notMet')}
                </Badge>
              </Group>
            </Group>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}
