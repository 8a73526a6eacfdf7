import { useState } from 'react';
import { useMutation } from '../client/client-context';
import { WebAddNotificationChannelDocument, type NotificationChannelKind } from '@mrt/operations';
import { fieldErrors } from '../lib/field-errors';

interface ChannelForm {
  kind: Extract<NotificationChannelKind, 'DISCORD' | 'NTFY' | 'EMAIL'>;
  title: string;
  field: 'url' | 'email';
  fieldLabel: string;
  hint: string;
  placeholder: string;
}

export const CHANNEL_FORMS: readonly ChannelForm[] = [
  {
    kind: 'DISCORD',
    title: 'Discord',
    field: 'url',
    fieldLabel: 'Discord webhook URL',
    hint: 'In Discord: channel settings → Integrations → Webhooks → New webhook → Copy webhook URL.',
    placeholder: 'https://discord.com/api/webhooks/…',
  },
  {
    kind: 'NTFY',
    title: 'ntfy',
    field: 'url',
    fieldLabel: 'ntfy topic URL',
    hint: 'Subscribe to the topic in the ntfy app; anyone who knows the topic can read it, so pick a hard-to-guess name.',
    placeholder: 'https://ntfy.sh/your-secret-topic',
  },
  {
    kind: 'EMAIL',
    title: 'Email',
    field: 'email',
    fieldLabel: 'Email address',
    hint: 'We send a confirmation link first; nothing else goes to the address until you open it.',
    placeholder: 'you@example.com',
  },
];

/** Adds one channel; the server's field errors show beside the field they are about. */
export function AddChannelForm({ form, onAdded }: { form: ChannelForm; onAdded: () => void }) {
  const [value, setValue] = useState('');
  const [name, setName] = useState('');
  const [isDefault, setIsDefault] = useState(true);
  const [add, adding] = useMutation(WebAddNotificationChannelDocument);
  const [added, setAdded] = useState(false);
  const errors = fieldErrors(adding.error, [form.field, 'label']);
  const id = `add-${form.kind.toLowerCase()}`;
  return (
    <form
      className="card channel-form"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        setAdded(false);
        const result = await add({ input: { kind: form.kind, [form.field]: value.trim(), label: name.trim() || null, isDefault } });
        if (result) {
          setValue('');
          setName('');
          setAdded(true);
          onAdded();
        }
      }}
    >
      <h3 id={`${id}-title`}>{form.title}</h3>
      <div className="field">
        <label htmlFor={`${id}-${form.field}`}>{form.fieldLabel}</label>
        <input
          id={`${id}-${form.field}`}
          type={form.field === 'email' ? 'email' : 'url'}
          autoComplete={form.field === 'email' ? 'email' : 'off'}
          placeholder={form.placeholder}
          required
          value={value}
          aria-invalid={!!errors.fields[form.field]}
          aria-describedby={`${id}-${form.field}-error ${id}-hint`}
          onChange={(event) => setValue(event.target.value)}
        />
        <span id={`${id}-${form.field}-error`} className="field-error">
          {errors.fields[form.field]}
        </span>
        <span id={`${id}-hint`} className="muted small">
          {form.hint}
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-label`}>Name (optional)</label>
        <input id={`${id}-label`} maxLength={60} value={name} aria-invalid={!!errors.fields.label} aria-describedby={`${id}-label-error`} onChange={(event) => setName(event.target.value)} />
        <span id={`${id}-label-error`} className="field-error">
          {errors.fields.label}
        </span>
      </div>
      <label className="check">
        <input type="checkbox" checked={isDefault} onChange={(event) => setIsDefault(event.target.checked)} />
        Use for follows that choose no channels
      </label>
      <div className="actions">
        <button type="submit" disabled={adding.running || value.trim() === ''}>
          Add {form.title}
        </button>
        {added && <span role="status">Added.</span>}
        {errors.general && (
          <span className="field-error" role="alert">
            {errors.general}
          </span>
        )}
      </div>
    </form>
  );
}
