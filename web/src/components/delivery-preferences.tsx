import { useState } from 'react';
import { useMutation } from '../client/client-context';
import { WebUpdateNotificationPreferencesDocument, type Weekday, type WebNotificationPreferencesFieldsFragment } from '@mrt/operations';
import { DELIVERY_LANGUAGE_LABELS, WEEKDAY_LABELS, WEEKDAYS } from '../lib/enums';
import { fieldErrors } from '../lib/field-errors';
import { HOURS, browserTimeZone, hourLabel, timeZoneLabel, timeZoneOptions } from '../lib/time-zones';

const FIELDS = ['timeZone', 'language', 'digestHour', 'digestWeekday', 'quietHoursStart', 'quietHoursEnd'] as const;
const id = 'delivery-preferences';

/**
 * The fan's time zone, language, digest time and quiet hours. Until they saved any, the time
 * zone starts at the browser's (the server's default, UTC, is rarely where a fan lives).
 */
export function DeliveryPreferencesForm({ saved, onSaved }: { saved: WebNotificationPreferencesFieldsFragment; onSaved: () => void }) {
  const [timeZone, setTimeZone] = useState(saved.updatedAt ? saved.timeZone : browserTimeZone());
  const [language, setLanguage] = useState(saved.language);
  const [digestHour, setDigestHour] = useState(saved.digestHour);
  const [digestWeekday, setDigestWeekday] = useState<Weekday>(saved.digestWeekday);
  const [quiet, setQuiet] = useState(saved.quietHoursStart !== null);
  const [quietStart, setQuietStart] = useState(saved.quietHoursStart ?? '22:00');
  const [quietEnd, setQuietEnd] = useState(saved.quietHoursEnd ?? '07:00');
  const [update, updating] = useMutation(WebUpdateNotificationPreferencesDocument);
  const [done, setDone] = useState(false);
  const errors = fieldErrors(updating.error, FIELDS);
  const described = (field: (typeof FIELDS)[number], hint?: string) => ({
    'aria-invalid': !!errors.fields[field],
    'aria-describedby': [`${id}-${field}-error`, hint].filter(Boolean).join(' '),
  });
  const errorOf = (field: (typeof FIELDS)[number]) => (
    <span id={`${id}-${field}-error`} className="field-error">
      {errors.fields[field]}
    </span>
  );
  const languages = DELIVERY_LANGUAGE_LABELS[language] ? Object.keys(DELIVERY_LANGUAGE_LABELS) : [...Object.keys(DELIVERY_LANGUAGE_LABELS), language];
  return (
    <form
      className="card preferences-form"
      aria-labelledby={`${id}-title`}
      data-testid="delivery-preferences"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        setDone(false);
        const input = { timeZone, language, digestHour, digestWeekday, quietHoursStart: quiet ? quietStart : null, quietHoursEnd: quiet ? quietEnd : null };
        if (await update({ input })) {
          setDone(true);
          onSaved();
        }
      }}
    >
      <h2 id={`${id}-title`}>Delivery preferences</h2>
      <p className="muted small" id={`${id}-hint`}>
        Digests go out and quiet hours are kept in your time zone. Emails and messages are written in your language.
      </p>
      <div className="preferences-grid">
        <div className="field">
          <label htmlFor={`${id}-timeZone`}>Time zone</label>
          <select id={`${id}-timeZone`} value={timeZone} onChange={(event) => setTimeZone(event.target.value)} {...described('timeZone')}>
            {timeZoneOptions(timeZone).map((zone) => (
              <option key={zone} value={zone}>
                {timeZoneLabel(zone)}
              </option>
            ))}
          </select>
          {errorOf('timeZone')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-language`}>Language</label>
          <select id={`${id}-language`} value={language} onChange={(event) => setLanguage(event.target.value)} {...described('language')}>
            {languages.map((tag) => (
              <option key={tag} value={tag}>
                {DELIVERY_LANGUAGE_LABELS[tag] ?? tag}
              </option>
            ))}
          </select>
          {errorOf('language')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-digestHour`}>Digests at</label>
          <select id={`${id}-digestHour`} value={digestHour} onChange={(event) => setDigestHour(Number(event.target.value))} {...described('digestHour', `${id}-digest-hint`)}>
            {HOURS.map((hour) => (
              <option key={hour} value={hour}>
                {hourLabel(hour)}
              </option>
            ))}
          </select>
          {errorOf('digestHour')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-digestWeekday`}>Weekly digest on</label>
          <select id={`${id}-digestWeekday`} value={digestWeekday} onChange={(event) => setDigestWeekday(event.target.value as Weekday)} {...described('digestWeekday', `${id}-digest-hint`)}>
            {WEEKDAYS.map((day) => (
              <option key={day} value={day}>
                {WEEKDAY_LABELS[day]}
              </option>
            ))}
          </select>
          {errorOf('digestWeekday')}
        </div>
      </div>
      <span id={`${id}-digest-hint`} className="muted small">
        Choose a daily or weekly digest for a channel in its card above.
      </span>
      <fieldset className="quiet-hours">
        <legend>
          <label className="check">
            <input type="checkbox" checked={quiet} onChange={(event) => setQuiet(event.target.checked)} />
            Quiet hours
          </label>
        </legend>
        <p className="muted small" id={`${id}-quiet-hint`}>
          Messages that would arrive in this window wait until it ends. The app and its live updates are not affected.
        </p>
        {quiet && (
          <div className="preferences-grid">
            <div className="field">
              <label htmlFor={`${id}-quietHoursStart`}>From</label>
              <input id={`${id}-quietHoursStart`} type="time" step={60} required value={quietStart} onChange={(event) => setQuietStart(event.target.value)} {...described('quietHoursStart', `${id}-quiet-hint`)} />
              {errorOf('quietHoursStart')}
            </div>
            <div className="field">
              <label htmlFor={`${id}-quietHoursEnd`}>Until</label>
              <input id={`${id}-quietHoursEnd`} type="time" step={60} required value={quietEnd} onChange={(event) => setQuietEnd(event.target.value)} {...described('quietHoursEnd', `${id}-quiet-hint`)} />
              {errorOf('quietHoursEnd')}
            </div>
          </div>
        )}
      </fieldset>
      <div className="actions">
        <button type="submit" disabled={updating.running}>
          Save preferences
        </button>
        {done && <span role="status">Saved.</span>}
        {errors.general && (
          <span className="field-error" role="alert">
            {errors.general}
          </span>
        )}
      </div>
    </form>
  );
}
